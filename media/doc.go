// Package media reads what a podcast feed needs to know about a local media
// file straight from its bytes: the length in bytes, the MIME type, the
// duration and, where the file carries them, the chapters.
//
// # Formats
//
// The container is recognised from the bytes, never from the file name:
//
//   - MP3 (audio/mpeg): any ID3v2 tags at the start are skipped; the duration
//     comes from a Xing/Info or VBRI header when the first frame has one, and
//     otherwise from counting every frame (exact for CBR and VBR alike, but it
//     reads the whole file). A last frame cut short by the end of the file
//     is a truncation error. Chapters come from ID3v2.3/2.4 CHAP frames:
//     when a top-level CTOC frame exists, the CHAP frames it lists (in its
//     order, which breaks ties of start time), otherwise all of them. A
//     chapter's TIT2 sub-frame gives its title, WXXX its URL and an APIC
//     sub-frame holding a link ("-->") its image.
//   - MP4 (M4A, M4B, MP4, MOV): audio-only files are audio/x-m4a, the type
//     Apple Podcasts lists (audio/mp4 is the IANA name; Apple's list has
//     only audio/x-m4a); files with a video track are video/mp4, video/x-m4v
//     (brand "M4V ") or video/quicktime (brand "qt  "). The duration is the
//     audio (or video) track's media duration less the encoder priming that
//     its edit list skips, so it matches what players and ffprobe show rather
//     than the movie header, which counts the priming or a longer chapter
//     track. Chapters come from the QuickTime chapter track (the text track
//     the audio track names in "tref/chap", which Apple writes and reads)
//     or else from a Nero "chpl" box. The boxes are decoded with
//     github.com/Eyevinn/mp4ff.
//   - Ogg (audio/ogg) with Vorbis, Opus, FLAC or Speex: the last granule
//     position over the sample rate; Opus counts at 48 kHz less its
//     pre-skip.
//   - FLAC (audio/flac): total samples over the sample rate from STREAMINFO;
//     when STREAMINFO leaves the total out, the last frame header gives it.
//   - WAV and RF64 (audio/wav): the data chunk's size over the byte rate (the
//     fact chunk's sample count for compressed WAV).
//
// Chapters are returned in ascending start order; those starting at or
// after the end of the audio are dropped.
//
// Only what is needed is read: an MP3 with a Xing header costs a few KiB
// whatever its length; MP4 costs its moov box; Ogg and FLAC their first
// pages or blocks and a tail of the file.
//
// # Errors
//
// Every error from [Probe] is an [*Error] naming the file:
//
//	media: intro.png: not an audio file I know (looks like image/png)
//	media: 055.mp3: truncated: the Xing header counts 15083 bytes of audio but the whole file is 7564
//
// Empty, truncated and non-audio files are errors, and a zero duration is
// never returned without one. [ErrUnknownFormat] and [ErrTruncated] can be
// tested with errors.Is.
//
// # Cache
//
// [Cache] remembers probe results in a JSON file (by convention
// [CacheFile] in the show folder), keyed by path, size and modification time,
// so that a cron build of a large show does not re-read every file. Deleting
// the file is always safe. [ProbeAll] probes many files in parallel.
//
// # What it does not do
//
// It does not decode audio, so it does not check that the frames it skips
// over are sound (a FLAC file that lost only part of its last frame, for
// one, passes); it does not read tags other than chapters (titles,
// artwork); it does not fetch remote media; and it does not know about
// episodes or feeds: filling an episode's enclosure from [Info], and
// comparing probed values with those written by hand, is the caller's job.
// A file changed without changing its size or modification time is not
// noticed by the cache.
package media
