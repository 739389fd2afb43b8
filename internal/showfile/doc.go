// Package showfile writes the files of a show folder: podcast.toml and
// episode files encoded as TOML, and file names slugged from titles.
//
// [EncodeShow] and [EncodeEpisode] write TOML by hand, keys in the order of
// podfeed's design, long text as multi-line strings, dates with their own
// offsets ([FormatDate]) and times as people write them (package
// internal/timecode);
// what they write parses back with config.Parse and episodes.Parse to the
// same values. [WriteFiles] writes files into a folder and refuses to
// overwrite any unless told to. [Slug] makes a file name from a title.
//
// It is what podfeed import (package importer) and podfeed init and new
// (package scaffold) share, so that scaffold needs nothing of the importer.
package showfile
