package importer

import (
	"regexp"
	"strings"

	"golang.org/x/text/language"

	"github.com/podfeed/podfeed/config"
)

// assumedLanguage is the language of a show whose feed names none: most
// podcasts are in English, and the warning says to change it.
const assumedLanguage = "en"

// languageNames are the names of languages that feeds write in <language>
// instead of a tag, in English and in the language itself, lower case.
var languageNames = map[string]string{
	"english": "en",
	"german":  "de", "deutsch": "de",
	"french": "fr", "français": "fr", "francais": "fr",
	"spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
	"italian": "it", "italiano": "it",
	"portuguese": "pt", "português": "pt", "portugues": "pt",
	"dutch": "nl", "nederlands": "nl",
	"swedish": "sv", "svenska": "sv",
	"norwegian": "no", "norsk": "no",
	"danish": "da", "dansk": "da",
	"finnish": "fi", "suomi": "fi",
	"icelandic": "is", "íslenska": "is",
	"polish": "pl", "polski": "pl",
	"czech": "cs", "čeština": "cs", "cesky": "cs",
	"hungarian": "hu", "magyar": "hu",
	"romanian": "ro", "română": "ro",
	"greek": "el", "ελληνικά": "el",
	"turkish": "tr", "türkçe": "tr",
	"russian": "ru", "русский": "ru",
	"ukrainian": "uk", "українська": "uk",
	"catalan": "ca", "català": "ca",
	"hebrew": "he", "עברית": "he",
	"arabic": "ar", "العربية": "ar",
	"hindi": "hi", "हिन्दी": "hi",
	"indonesian": "id", "bahasa indonesia": "id",
	"japanese": "ja", "日本語": "ja",
	"chinese": "zh", "中文": "zh",
	"korean": "ko", "한국어": "ko",
}

// regionSuffix is a region after a language's name: "English (US)",
// "Español - MX".
var regionSuffix = regexp.MustCompile(`^(.*?)\s*(?:\(\s*([A-Za-z]{2})\s*\)|[-_/]\s*([A-Za-z]{2}))$`)

// channelLanguage reads <language> as the BCP 47 tag podcast.toml needs:
// a tag in another case or with underscores ("en_us") is written as
// BCP 47 writes it ("en-US"); a language's name ("English", "Deutsch") as
// its tag, and a feed without any as English, each with a warning.
func (r *reader) channelLanguage(ch *node, s *config.Show) {
	n := ch.Child("", "language")
	raw := ""
	if n != nil {
		raw = clean(n.Text)
	} else {
		n = ch
	}
	tag, ok := languageTag(raw)
	switch {
	case ok && strings.EqualFold(tag, strings.ReplaceAll(raw, "_", "-")):
		// Only the case or the separator differs: the same tag.
	case ok && isTag(raw):
		r.probs.Warn(r.pos(n), "language %q is written %q, as BCP 47 writes it", raw, tag).
			WithHint("apps read both; podcast.toml needs the BCP 47 form")
	case ok:
		r.probs.Warn(r.pos(n), "language %q is a language's name: written as its tag %q", raw, tag).
			WithHint("apps want the tag; check language in podcast.toml")
	case raw == "":
		tag = assumedLanguage
		what := "the feed names no <language>"
		if n != ch {
			what = "the feed's <language> is empty"
		}
		r.probs.Warn(r.pos(n), "%s: podcast.toml has language = %q", what, tag).
			WithHint(`if the show is not in English, set language in podcast.toml to its tag, such as "de" or "es-MX"`)
	default:
		tag = assumedLanguage
		r.probs.Warn(r.pos(n), "language %q is not a language podfeed knows: podcast.toml has language = %q", raw, tag).
			WithHint(`set language in podcast.toml to the show's language tag, such as "de" or "es-MX"`)
	}
	s.Language = tag
}

// isTag reports whether v is a language tag, not a name.
func isTag(v string) bool {
	tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
	return err == nil && tag != language.Und
}

// languageTag returns the BCP 47 tag of a <language> value: a tag, in any
// case, with hyphens or underscores, or the name of a language in
// languageNames, with or without a region.
func languageTag(v string) (string, bool) {
	if isTag(v) {
		tag, _ := language.Parse(strings.ReplaceAll(v, "_", "-"))
		return tag.String(), true
	}
	name, region := strings.ToLower(v), ""
	if m := regionSuffix.FindStringSubmatch(v); m != nil {
		name, region = strings.ToLower(m[1]), m[2]+m[3]
	}
	base, ok := languageNames[name]
	if !ok {
		return "", false
	}
	if region == "" {
		return base, true
	}
	if tag, err := language.Parse(base + "-" + region); err == nil {
		return tag.String(), true
	}
	return base, true
}
