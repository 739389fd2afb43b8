package deploy

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/publish"
)

// RemovalError is a deploy that would drop or re-key episodes the live
// feed carries, which listeners would lose from their libraries.
type RemovalError struct {
	Target Target
	Losses []publish.Loss
}

func (e *RemovalError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: refused: the live feed carries %s that this deploy would lose", e.Target.Name("feed.xml"), diag.Plural(len(e.Losses), "episode", ""))
	for _, l := range e.Losses {
		b.WriteString("\n\t" + l.String())
	}
	return b.String()
}

// Hint says how to confirm the loss.
func (e *RemovalError) Hint() string {
	var args []string
	for _, l := range e.Losses {
		args = append(args, "--allow-removal "+quoteArg(l.Old.GUID))
	}
	return "if that is meant, deploy again with " + strings.Join(args, " ") + "; nothing was uploaded"
}

// quoteArg quotes s for a shell when it needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == ':' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// guard compares the episodes of the live feed (the target's RSS pages)
// with those of the build about to be deployed, and refuses a deploy that
// loses one unless the loss is allowed. A target without a feed has
// nothing to lose.
func (d *deployer) guard(ctx context.Context, local []object, remote map[string]remoteObject) error {
	if _, ok := remote["feed.xml"]; !ok {
		return nil
	}
	var prev, next []publish.Item
	var keys []string
	for key := range remote {
		if isRSSPage(key) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	for _, key := range keys {
		data, err := d.read(ctx, key)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		items, err := publish.ReadRSSItems(bytes.NewReader(data))
		if err != nil {
			return &hintedError{objectError: objectError{name: d.target.Name(key), verb: "cannot read the live feed", msg: err.Error(), err: err},
				hint: "podfeed compares the live feed's episodes with the new ones before replacing it; fix or delete the object"}
		}
		prev = append(prev, items...)
	}
	for _, o := range local {
		if !isRSSPage(o.Key) {
			continue
		}
		data, err := os.ReadFile(o.Path)
		if err != nil {
			return fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
		}
		items, err := publish.ReadRSSItems(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: cannot read: %v", o.Path, err)
		}
		next = append(next, items...)
	}
	var losses []publish.Loss
	for _, l := range publish.Compare(prev, next) {
		if slices.Contains(d.opts.AllowRemoval, l.Old.GUID) || d.opts.AllowAllRemovals && l.Kind == publish.Removed {
			continue
		}
		losses = append(losses, l)
	}
	if len(losses) > 0 {
		return &RemovalError{Target: d.target, Losses: losses}
	}
	return nil
}
