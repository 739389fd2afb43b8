package pack

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strings"
	"testing"
	"time"
)

// episodeLike is shaped like a cached episode of bench/gen's shows: a
// summary, takeaways, chapters and people.
type episodeLike struct {
	Title, GUID, Summary string
	Number               int
	Published            time.Time
	Explicit             *bool
	Takeaways            []string
	Chapters             []struct {
		Start        time.Duration
		Title, Image string
	}
	People []struct{ Name, Role, Href string }
}

// BenchmarkRead reads 1,000 episodes written by pack and by encoding/gob,
// the codec the cache used before, and reports pack's time as a ratio to
// gob's in the same run.
func BenchmarkRead(b *testing.B) {
	no := false
	eps := make([]episodeLike, 1000)
	for i := range eps {
		e := &eps[i]
		e.Title, e.GUID, e.Number = fmt.Sprintf("Episode %d: a talk", i), fmt.Sprintf("guid-%d", i), i
		e.Summary = strings.Repeat(fmt.Sprintf("Sentence %d of the summary. ", i), 25)
		e.Published, e.Explicit = time.Unix(int64(i)*86400, 0).UTC(), &no
		for j := range 16 {
			e.Takeaways = append(e.Takeaways, fmt.Sprintf("Takeaway %d of episode %d matters.", j, i))
		}
		e.Chapters = make([]struct {
			Start        time.Duration
			Title, Image string
		}, 10)
		for j := range e.Chapters {
			e.Chapters[j].Start, e.Chapters[j].Title = time.Duration(j)*time.Minute, fmt.Sprintf("Chapter %d", j)
		}
		e.People = []struct{ Name, Role, Href string }{{"Guest", "guest", "https://example.com/g"}, {"Host", "host", ""}}
	}
	c, err := For[[]episodeLike]()
	if err != nil {
		b.Fatal(err)
	}
	packed := string(c.Append(nil, &eps))
	var gobbed bytes.Buffer
	if err := gob.NewEncoder(&gobbed).Encode(eps); err != nil {
		b.Fatal(err)
	}
	var packTime, gobTime time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		var v []episodeLike
		if _, err := c.Read(packed, &v); err != nil {
			b.Fatal(err)
		}
		packTime += time.Since(start)
		start = time.Now()
		var g []episodeLike
		if err := gob.NewDecoder(bytes.NewReader(gobbed.Bytes())).Decode(&g); err != nil {
			b.Fatal(err)
		}
		gobTime += time.Since(start)
	}
	b.ReportMetric(float64(packTime)/float64(gobTime), "pack/gob")
}
