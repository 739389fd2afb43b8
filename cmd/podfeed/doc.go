// Command podfeed turns a folder of TOML files into a podcast feed.
//
// A show folder holds podcast.toml (the show) and one TOML file per episode
// under episodes/. podfeed build writes feed.xml (RSS 2.0 with the iTunes and
// Podcasting 2.0 tags), atom.xml, feed.json, chapters/*.json and index.html
// into the output folder, which any static host can serve.
//
// What podfeed help (and podfeed with no arguments) prints:
//
//	podfeed turns a folder of TOML files into a podcast feed.
//
//	Usage:
//	  podfeed build [-o DIR] [--now TIME] [-v] [SHOW]        write the feeds and the web page
//	  podfeed check [-o DIR] [--now TIME] [--remote] [SHOW]  validate without writing
//	  podfeed deploy [--dry-run] [-v] [SHOW] URL           publish the outputs to s3://, gs://, azblob:// or file://
//	  podfeed init [flags] DIR                               start a new show that builds at once
//	  podfeed new [--at TIME] [SHOW] TITLE                   add the next episode, as a draft
//	  podfeed import [flags] FEED DIR                        move a show in from its RSS feed (file or URL)
//	  podfeed import --notes FILE [SHOW]                     add an episode from plain-text show notes
//	  podfeed serve [-p PORT] [-o DIR] [SHOW]                preview on 127.0.0.1, rebuilding on change
//	  podfeed embed [SHOW] [EPISODE]                         print the HTML that embeds a player or the feed links
//	  podfeed version                                        print the version
//	  podfeed help [COMMAND]                                 print help
//
//	SHOW is the show folder (default "."). Run 'podfeed COMMAND -h' for a
//	command's flags.
//
//	Examples:
//	  podfeed build examples/coding-chats
//	  podfeed check examples/coding-chats
//	  podfeed build --deploy s3://my-bucket/show?region=eu-west-1 my-show
//	  podfeed init my-show && podfeed new my-show "Hello"
//	  podfeed import https://feeds.example.com/show.xml my-show
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
