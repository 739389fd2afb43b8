package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"gocloud.dev/blob"
)

// ManifestKey is the object, beside the show's objects, in which a deploy
// records every object podfeed uploaded there: a later deploy deletes only
// those, and skips those whose content and headers did not change.
const ManifestKey = ".podfeed-deploy.json"

const manifestVersion = 1

// manifest is the record a deploy keeps in the target.
type manifest struct {
	Version   int    `json:"version"`
	Generator string `json:"generator,omitempty"`
	// Objects are the objects podfeed uploaded, by key. An entry with an
	// empty MD5 is one a deploy was about to upload when it stopped: owned,
	// but of unknown content.
	Objects map[string]entry `json:"objects"`
	// Unannounced is set when a feed changed and the hubs and podping have
	// not yet been told: the next deploy tells them even if nothing else
	// changed.
	Unannounced bool `json:"unannounced,omitempty"`
}

// entry is one uploaded object as the manifest records it.
type entry struct {
	MD5   string `json:"md5"`
	Size  int64  `json:"size"`
	Type  string `json:"type"`
	Cache string `json:"cache"`
	// Encoding is the Content-Encoding: "gzip", or "" (left out) for none.
	Encoding string `json:"encoding,omitempty"`
}

func entryOf(o object) entry {
	return entry{MD5: o.MD5, Size: o.Size, Type: o.Type, Cache: o.Cache, Encoding: o.Encoding}
}

// readManifest reads the target's manifest; a target without one (a first
// deploy) has an empty one.
func (d *deployer) readManifest(ctx context.Context) (*manifest, error) {
	m := &manifest{Version: manifestVersion, Objects: map[string]entry{}}
	data, err := d.read(ctx, ManifestKey)
	if isNotFound(err) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, &hintedError{objectError: objectError{name: d.target.Name(ManifestKey), verb: "cannot read", msg: "not a podfeed deploy record: " + err.Error()},
			hint: "it records what podfeed uploaded; delete it only to make podfeed upload everything again and never delete old objects"}
	}
	if m.Version != manifestVersion {
		return nil, &hintedError{objectError: objectError{name: d.target.Name(ManifestKey), verb: "cannot read", msg: fmt.Sprintf("written by another version of podfeed (version %d)", m.Version)},
			hint: "deploy with the podfeed that wrote it, or a newer one"}
	}
	if m.Objects == nil {
		m.Objects = map[string]entry{}
	}
	return m, nil
}

// writeManifest stores m in the target.
func (d *deployer) writeManifest(ctx context.Context, m *manifest) error {
	m.Version = manifestVersion
	m.Generator = d.opts.Generator
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	return d.write(ctx, ManifestKey, "application/json", "no-store", "", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// read returns the content of the object key, retrying transient errors.
// A gzipped object is decompressed: some providers' readers give the
// stored bytes (s3), others decompress them already (gs), so the bytes
// are told by their gzip header, which no feed or record starts with.
func (d *deployer) read(ctx context.Context, key string) ([]byte, error) {
	var data []byte
	err := d.do(ctx, "read", key, func() error {
		var err error
		data, err = d.bucket.ReadAll(ctx, key)
		return err
	})
	if err == nil && isGzip(data) {
		if data, err = gunzip(data); err != nil {
			return nil, &objectError{name: d.target.Name(key), verb: "cannot read", msg: err.Error(), err: err}
		}
	}
	return data, err
}

// gunzip returns the decompressed content of the gzip stream data.
func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gzipped content: %w", err)
	}
	return out, nil
}

// write stores the object key with the content fill writes, and the
// Content-Type, Cache-Control and Content-Encoding typ, cache and enc.
func (d *deployer) write(ctx context.Context, key, typ, cache, enc string, fill func(io.Writer) error) error {
	return d.do(ctx, "upload", key, func() error {
		wctx, cancel := context.WithCancel(ctx)
		defer cancel() // a write whose context ends before Close is discarded
		w, err := d.bucket.NewWriter(wctx, key, &blob.WriterOptions{
			ContentType:     typ,
			CacheControl:    cache,
			ContentEncoding: enc,
			Metadata:        map[string]string{"uploaded-by": "podfeed"},
		})
		if err != nil {
			return err
		}
		if err := fill(w); err != nil {
			cancel()
			w.Close()
			return err
		}
		return w.Close()
	})
}
