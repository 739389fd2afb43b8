package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestContent(t *testing.T) {
	src := filepath.Join(t.TempDir(), "media.mp3")
	if err := os.WriteFile(src, []byte("source bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("render failed")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	tests := []struct {
		name    string
		f       File
		want    string
		wantErr error
	}{
		{"data", File{Data: []byte("data")}, "data", nil},
		{"empty", File{}, "", nil},
		{"source", File{Source: src, Data: []byte("ignored")}, "source bytes", nil},
		{"render", File{Render: write("rendered"), Data: []byte("ignored")}, "rendered", nil},
		{"stream", File{Stream: write("streamed"), Data: []byte("ignored")}, "streamed", nil},
		{"stream before render", File{Stream: write("streamed"), Render: write("rendered")}, "streamed", nil},
		{"render error", File{Render: func(io.Writer) error { return failed }}, "", failed},
		{"missing source", File{Source: filepath.Join(t.TempDir(), "gone")}, "", os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f.Bytes()
			var buf bytes.Buffer
			werr := tt.f.Write(&buf)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(werr, tt.wantErr) {
					t.Fatalf("Bytes: %v, Write: %v; want %v", err, werr, tt.wantErr)
				}
				return
			}
			if err != nil || werr != nil {
				t.Fatalf("Bytes: %v, Write: %v", err, werr)
			}
			if string(got) != tt.want || buf.String() != tt.want {
				t.Errorf("Bytes %q, Write %q; want %q", got, buf.String(), tt.want)
			}
		})
	}
}
