package project

import (
	"fmt"
	"os"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// episodeProblems reports problems found in a loaded episode after its
// file was decoded (its media file, its media host), at the line of the key
// they are about, as problems found while decoding are.
type episodeProblems struct {
	list *diag.List
	ep   *episodes.Episode
}

// errorf records an error about key, which the message starts with.
func (p episodeProblems) errorf(key, format string, args ...any) *diag.Problem {
	return p.list.Add(p.pos(key), "%s: %s", key, fmt.Sprintf(format, args...))
}

// warnf records a warning about key, which the message starts with.
func (p episodeProblems) warnf(key, format string, args ...any) *diag.Problem {
	return p.list.Warn(p.pos(key), "%s: %s", key, fmt.Sprintf(format, args...))
}

// pos returns where key is written in the episode's file: for an array of
// tables ("chapters"), its first header. A loaded episode keeps no
// positions, so the file is read again, which only a problem costs. When
// the key cannot be found the position is the file alone (the message names
// the key).
func (p episodeProblems) pos(key string) diag.Pos {
	src, err := os.ReadFile(p.ep.File)
	if err == nil {
		for _, k := range []string{key, key + "[0]"} {
			if pos := tomlx.KeyPos(p.ep.File, src, k); pos.Line > 0 {
				return pos
			}
		}
	}
	return diag.Pos{File: p.ep.File}
}
