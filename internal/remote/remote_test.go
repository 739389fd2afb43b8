package remote

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestInfo(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/head.mp3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg; charset=binary")
		w.Header().Set("Content-Length", "1234")
	})
	mux.HandleFunc("/range.mp3", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if r.Header.Get("Range") != "bytes=0-0" {
			t.Errorf("range %q, want bytes=0-0", r.Header.Get("Range"))
		}
		w.Header().Set("Content-Type", "audio/x-m4a")
		w.Header().Set("Content-Range", "bytes 0-0/987654")
		w.WriteHeader(http.StatusPartialContent)
		w.Write([]byte{0})
	})
	mux.HandleFunc("/norange.mp3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Range", "bytes 0-0/*")
		w.WriteHeader(http.StatusPartialContent)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		path    string
		length  int64
		typ     string
		wantErr string
	}{
		{"/head.mp3", 1234, "audio/mpeg", ""},
		{"/range.mp3", 987654, "audio/x-m4a", ""},
		{"/norange.mp3", -1, "", ""},
		{"/gone.mp3", 0, "", "404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			n, typ, err := Info(context.Background(), srv.Client(), srv.URL+tt.path, "test")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || n != tt.length || typ != tt.typ {
				t.Errorf("got %d %q %v, want %d %q", n, typ, err, tt.length, tt.typ)
			}
		})
	}
}
