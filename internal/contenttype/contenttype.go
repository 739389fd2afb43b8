// Package contenttype names the Content-Type of each file a show's output
// folder holds, by its name alone: the feed types podcast apps and browsers
// expect, then a fixed table, the same on every machine (unlike the
// system's MIME tables). The preview server and deploy both use it.
package contenttype

import (
	"path"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
)

// ByName returns the Content-Type of the file name (a slash-separated path
// inside the output folder), or "" when the table does not know its
// extension.
func ByName(name string) string {
	switch {
	case name == address.RSSFile:
		return "application/rss+xml; charset=utf-8"
	case name == address.AtomFile:
		return "application/atom+xml; charset=utf-8"
	case name == address.JSONFile:
		return "application/feed+json; charset=utf-8"
	case strings.HasPrefix(name, address.ChaptersDir+"/") && path.Ext(name) == ".json":
		return "application/json+chapters"
	}
	return types[strings.ToLower(path.Ext(name))]
}

// types are the Content-Types of the files a show's site holds.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".xml":  "application/xml; charset=utf-8",
	".rss":  "application/rss+xml; charset=utf-8",
	".xsl":  "text/xsl; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".vtt":  "text/vtt; charset=utf-8",
	".srt":  "application/x-subrip",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".webp": "image/webp",
	".gif":  "image/gif",
	".ico":  "image/x-icon",
	".mp3":  "audio/mpeg",
	".m4a":  "audio/mp4",
	".m4b":  "audio/mp4",
	".mp4":  "video/mp4",
	".aac":  "audio/aac",
	".ogg":  "audio/ogg",
	".oga":  "audio/ogg",
	".opus": "audio/ogg",
	".flac": "audio/flac",
	".wav":  "audio/wav",
}
