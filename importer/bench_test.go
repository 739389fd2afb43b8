package importer

import (
	"context"
	"path/filepath"
	"testing"
)

func BenchmarkReadNotes(b *testing.B) {
	src, err := readFileErr(filepath.Join("..", "examples", "coding-chats", "show-notes.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadNotes(src, NotesOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadFeed(b *testing.B) {
	src := bigFeed(320)
	for b.Loop() {
		if _, err := ReadFeed(context.Background(), "f.xml", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
