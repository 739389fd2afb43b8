package importer

import (
	"github.com/podfeed/podfeed/internal/xmlns"
	"github.com/podfeed/podfeed/internal/xmltree"
)

// Namespaces the importer reads, from the one table in package xmlns.
const (
	nsItunes  = xmlns.Itunes
	nsPodcast = xmlns.Podcast
	nsPsc     = xmlns.Psc
	nsContent = xmlns.Content
	nsAtom    = xmlns.Atom
)

// node is an element of the feed, as package xmltree reads it with its
// position: the element readers take and pass many of them.
type node = xmltree.Node
