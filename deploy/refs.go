package deploy

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/xmltree"
)

// references returns the keys of the objects that the feeds among objs
// point at: every absolute address in them (an attribute, a text, a JSON
// string) under the folder of feedURL, as the key it is served from. A
// folder's address ("…/episodes/x/") names its index.html.
func references(objs []object, feedURL string) (map[string]bool, error) {
	keys := map[string]bool{}
	base, err := url.Parse(address.SiblingURL(feedURL, "./"))
	if err != nil || feedURL == "" {
		return keys, nil
	}
	for _, o := range objs {
		if !o.isFeed() {
			continue
		}
		data, err := os.ReadFile(o.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
		}
		for _, ref := range addresses(o.Key, data) {
			if key, ok := keyOf(base, ref); ok {
				keys[key] = true
			}
		}
	}
	return keys, nil
}

// addresses returns the strings of a feed that may be addresses: XML
// attribute values and texts, JSON strings.
func addresses(key string, data []byte) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
			out = append(out, s)
		}
	}
	if strings.HasSuffix(key, ".json") {
		var v any
		if json.Unmarshal(data, &v) == nil {
			walkJSON(v, add)
		}
		return out
	}
	doc, err := xmltree.Parse(data, xmltree.Lenient)
	if err != nil {
		return out
	}
	var walk func(n *xmltree.Node)
	walk = func(n *xmltree.Node) {
		for _, a := range n.Attr {
			add(a.Value)
		}
		add(n.Text)
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(doc.Root)
	return out
}

func walkJSON(v any, add func(string)) {
	switch v := v.(type) {
	case string:
		add(v)
	case []any:
		for _, e := range v {
			walkJSON(e, add)
		}
	case map[string]any:
		for _, e := range v {
			walkJSON(e, add)
		}
	}
}

// keyOf returns the key that serves ref, an address under base.
func keyOf(base *url.URL, ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || !strings.EqualFold(u.Host, base.Host) || !strings.EqualFold(u.Scheme, base.Scheme) {
		return "", false
	}
	if !strings.HasPrefix(u.Path, base.Path) {
		return "", false
	}
	key := strings.TrimPrefix(u.Path, base.Path)
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	return key, true
}
