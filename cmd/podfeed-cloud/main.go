// Command podfeed-cloud is podfeed with the drivers for Google Cloud
// Storage (gs://) and Azure Blob Storage (azblob://) built in. podfeed
// deploy runs it for those URLs; everything else podfeed does without
// them.
//
// The two drivers bring gRPC, OpenTelemetry and most of both clouds'
// SDKs: in podfeed itself they would double the size of the program, and
// every command, a cron build above all, would start slower and use more
// memory to load code it does not run. Install both commands at once with
//
//	go install ./cmd/...
//
// from podfeed's source; podfeed looks for podfeed-cloud beside itself,
// then on the PATH. podfeed-cloud takes every command podfeed takes.
package main

import (
	"os"

	// The providers podfeed leaves out; podfeed's own are in package deploy.
	_ "gocloud.dev/blob/azureblob"
	_ "gocloud.dev/blob/gcsblob"

	"github.com/podfeed/podfeed/internal/cli"
)

func main() { os.Exit(cli.Main()) }
