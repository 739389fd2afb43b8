package main

import (
	"os"

	"github.com/podfeed/podfeed/internal/cli"
)

func main() { os.Exit(cli.Main()) }
