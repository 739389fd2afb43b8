// Package deploy publishes a show's output folder to object storage (S3
// and the servers that speak its protocol, Google Cloud Storage, Azure
// Blob Storage) or to a local folder, through gocloud.dev/blob, and tells
// the apps through WebSub hubs and podping when a feed changed.
//
// A deploy is incremental and ordered so that apps never see a broken
// feed: it uploads only the files whose content or headers changed, each
// with its Content-Type and a Cache-Control that suits it; media, chapters
// and pages go first, the feeds after them (feed.xml last), and deletions
// come at the end, only of objects that podfeed uploaded (recorded in the
// target's [ManifestKey]) and that no feed points at. A deploy that would
// drop an episode the live feed carries refuses unless told otherwise.
// Where the target keeps a Content-Encoding (s3, gs, azblob, not a file
// folder), text objects are stored gzipped, byte for byte the same on each
// deploy of the same file, unless [Options].NoGzip is set.
// Transient errors are retried with backoff.
//
// deploy does not build: it publishes what the last build wrote. It reads
// credentials only as each provider's SDK does, from its usual environment
// variables and files, and never prints or writes them.
package deploy
