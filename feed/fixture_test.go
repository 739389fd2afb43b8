package feed

import (
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// codingChatsShow is examples/coding-chats/podcast.toml typed by hand as the
// value config would decode it to (with its defaults: the guid is
// config.PodcastGUID of the feed_url, the build folders are the defaults).
// Tests build from it rather than from config's parser.
func codingChatsShow() *config.Show {
	const johns = "John's Links"
	const newsletters = "Check out John's software engineering related newsletters"
	return &config.Show{
		File:  "podcast.toml",
		Title: "Coding Chats",
		Description: "Conversations with software engineers about building real systems: languages, " +
			"teams, testing, hiring and the lessons learned shipping software to production.",
		Link:       "https://codingchats.example.com/",
		FeedURL:    "https://codingchats.example.com/feed.xml",
		Language:   "en",
		Author:     "John Crickett",
		Image:      "https://codingchats.example.com/artwork.jpg",
		Categories: []config.Category{{Name: "Technology"}, {Name: "Education", Sub: "How To"}},
		Explicit:   false,
		Type:       "episodic",
		Copyright:  "© 2025 John Crickett",
		GUID:       "88058d69-5cea-52bd-8c94-4b9b30566cf1",
		Owner:      config.Owner{Name: "John Crickett", Email: "podcast@codingchats.example.com"},
		Links: []config.Link{
			{Group: johns, Title: "John's LinkedIn", URL: "https://www.linkedin.com/in/johncrickett/"},
			{Group: johns, Title: "John's YouTube", URL: "https://www.youtube.com/@johncrickett"},
			{Group: johns, Title: "John's Twitter", URL: "https://x.com/johncrickett"},
			{Group: johns, Title: "John's Bluesky", URL: "https://bsky.app/profile/johncrickett.bsky.social"},
			{Group: newsletters, Title: "Coding Challenges", URL: "https://codingchallenges.substack.com/",
				Note: "shares real-world project ideas that you can use to level up your coding skills."},
			{Group: newsletters, Title: "Developing Skills", URL: "https://read.developingskills.fyi/",
				Note: "covering everything from system design to soft skills, helping them progress their career " +
					"from junior to staff+ or for those that want onto a management track."},
		},
		Build: config.Build{Episodes: "episodes", Output: "public"},
	}
}

// episode55 is examples/coding-chats/episodes/055-rust-in-production.toml
// typed by hand as the value episodes would decode it to.
func episode55() *episodes.Episode {
	no := false
	min := func(m, s int) time.Duration { return time.Duration(m)*time.Minute + time.Duration(s)*time.Second }
	return &episodes.Episode{
		File:        "episodes/055-rust-in-production.toml",
		Slug:        "055-rust-in-production",
		Title:       "Rust in production at planet scale: lessons learned deploying Rust code to millions of devices",
		Number:      55,
		EpisodeType: "full",
		Published:   time.Date(2025, 2, 4, 9, 0, 0, 0, time.UTC),
		GUID:        "codingchats-055-rust-in-production",
		Explicit:    &no,
		Summary: "Emma Nedelcu discusses her experience managing teams that transitioned to Rust at Amazon Prime Video. " +
			"She highlights the reasons for choosing Rust, including its performance and safety features, and the " +
			"challenges faced during the transition from JavaScript. Emma explains the importance of over-the-air " +
			"updates, device constraints, and effective onboarding strategies for engineers. The conversation also " +
			"covers testing strategies, managing technical debt, and hiring practices for Rust teams, emphasizing " +
			"the need for a mindset focused on problem-solving and adaptability.",
		Takeaways: []string{
			"Rust was chosen for its performance and safety guarantees.",
			"Transitioning from JavaScript to Rust involves a steep learning curve.",
			"Over-the-air updates are crucial for device management.",
			"Device constraints significantly impact application performance.",
			"Onboarding to Rust can take about three months for JavaScript developers.",
			"Building trust within teams is essential for fast-paced development.",
			"Testing strategies must be robust to handle diverse devices.",
			"Rust's compile-time checks require strict runtime discipline.",
			"Compiling for WebAssembly requires careful optimization to manage bundle size.",
			"The Rust ecosystem is maturing but still evolving.",
			"Organizations should engage with the Rust community for better integration.",
			"Prototyping can effectively demonstrate Rust's potential to stakeholders.",
			"Managing technical debt in Rust involves understanding complexity depth.",
			"Hiring for mindset and adaptability is more important than experience.",
			"Ideal Rust engineers should have a deep understanding of low-level systems.",
			"Candidates should demonstrate initiative and impact in their projects.",
		},
		Audio: episodes.Audio{
			URL:      "https://media.codingchats.example.com/episodes/055-rust-in-production.mp3",
			Length:   34567890,
			Type:     "audio/mpeg",
			Duration: min(35, 14),
		},
		People: []episodes.Person{
			{Name: "Emma Nedelcu", Role: "guest", Href: "https://www.linkedin.com/in/emmanedelcu/"},
			{Name: "John Crickett", Role: "host", Href: "https://www.linkedin.com/in/johncrickett/"},
		},
		Chapters: []episodes.Chapter{
			{Start: min(0, 0), Title: "Introduction to Rust and Its Adoption"},
			{Start: min(3, 49), Title: "Performance Gains with Rust"},
			{Start: min(6, 37), Title: "Challenges of Over-the-Air Updates"},
			{Start: min(9, 36), Title: "Onboarding Developers to Rust"},
			{Start: min(12, 33), Title: "Team Collaboration and Trust"},
			{Start: min(14, 53), Title: "Testing Strategies for Rust Applications"},
			{Start: min(17, 38), Title: "Trade-offs and Considerations with Rust"},
			{Start: min(20, 13), Title: "Hiring and Team Building for Rust"},
			{Start: min(23, 2), Title: "Advice for Organizations Considering Rust"},
			{Start: min(26, 0), Title: "Managing Technical Debt in Rust"},
			{Start: min(28, 48), Title: "Conclusion and Final Thoughts"},
			{Start: min(33, 52), Title: "Exploring Related Content"},
		},
		Links: []episodes.Link{
			{Group: "Emma's Links", Title: "Emma's LinkedIn", URL: "https://www.linkedin.com/in/emmanedelcu/"},
		},
	}
}
