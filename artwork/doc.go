// Package artwork checks and prepares a show's artwork: it tells whether
// an image file is artwork that Apple Podcasts accepts (JPEG or PNG,
// square, 1400 to 3000 pixels, RGB: not CMYK, not grayscale, not indexed),
// with the standard library's image decoders; and it makes the lighter
// copies the site shows (golang.org/x/image/draw), the same bytes on every
// build.
//
// It reads bytes it is given and knows nothing of show folders, TOML keys
// or URLs: package project finds the files, places the problems at their
// keys and publishes the copies.
package artwork
