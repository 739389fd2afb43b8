// Command podfeed turns a folder of TOML files into a podcast feed.
//
// A show folder holds podcast.toml (the show) and one TOML file per episode
// under episodes/. podfeed build writes feed.xml (RSS 2.0 with the iTunes and
// Podcasting 2.0 tags), atom.xml, feed.json, chapters/*.json and index.html
// into the output folder, which any static host can serve.
//
// Usage:
//
//	podfeed build [-o DIR] [--now TIME] [-v] [SHOW]
//	podfeed check [--now TIME] [--remote] [SHOW]
//	podfeed init [flags] DIR
//	podfeed new [--at TIME] [SHOW] TITLE
//	podfeed import [flags] FEED DIR
//	podfeed import --notes FILE [SHOW]
//	podfeed serve [-p PORT] [-o DIR] [SHOW]
//	podfeed embed [SHOW] [EPISODE]
//	podfeed version
//	podfeed help [COMMAND]
//
// SHOW is the show folder, "." by default. Every command takes -h.
//
// Examples:
//
//	podfeed build examples/coding-chats
//	podfeed check examples/coding-chats
//	podfeed build --now 2025-03-01T00:00:00Z -o /tmp/preview .
//	podfeed init my-show && podfeed new my-show "Hello" && podfeed build my-show
//	podfeed import https://feeds.example.com/show.xml my-show
//	podfeed import --notes show-notes.txt my-show
//
// Exit status: 0 on success, 1 when the show's content is invalid (nothing is
// written), 2 on bad usage, 3 when another build of the same output folder
// holds the lock for too long.
//
// podfeed init starts a show; podfeed new adds the next episode, as a draft,
// with the next number and a fresh guid. podfeed import moves a show in from
// its RSS feed, keeping every guid, and reports what the files cannot keep;
// with --notes it adds one episode from plain-text show notes. Neither
// overwrites a file unless --force is given.
//
// podfeed build is silent on success, so that cron mails only trouble; -v
// says what changed.
package main
