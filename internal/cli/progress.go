package cli

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// probeProgress returns a progress callback that draws a bar on w while
// media files are probed, or nil when w is not a terminal: under cron and
// in pipes podfeed prints nothing on success.
func probeProgress(w io.Writer) func(done, total int) {
	return terminalProgress(w, "reading media files")
}

// terminalProgress returns a progress callback that draws a bar described
// as what on w, or nil when w is not a terminal.
func terminalProgress(w io.Writer, what string) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(w),
				progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}
