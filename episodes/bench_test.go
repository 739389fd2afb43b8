package episodes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// benchFile is the example show's episode 55 (3.4 KB, 12 chapters, 16
// takeaways): the shape issue 7's benchmarks use.
var benchFile = filepath.Join("..", "examples", "coding-chats", "episodes", "055-rust-in-production.toml")

// BenchmarkParse decodes and validates one episode file. Compare it with
// BenchmarkDecodeFloor, measured in the same run:
//
//	go test ./episodes -run '^$' -bench 'Parse|DecodeFloor' -benchmem -count 5
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile(benchFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if ep, _, probs := parse("055.toml", src); ep == nil || probs.Err() != nil {
			b.Fatalf("parse: %v", probs.Err())
		}
	}
}

// BenchmarkDecodeFloor is the floor BenchmarkParse is measured against:
// the same file decoded by BurntSushi/toml into a map, without validation
// or positions.
func BenchmarkDecodeFloor(b *testing.B) {
	src, err := os.ReadFile(benchFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		m := map[string]any{}
		if _, err := toml.Decode(string(src), &m); err != nil {
			b.Fatal(err)
		}
	}
}
