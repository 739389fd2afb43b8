package project

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// killChild, when set in the environment, makes TestBuildChild build the
// show in that folder into its output folder: the process the test below
// kills.
const killChild = "PODFEED_TEST_KILLED_BUILD"

func TestBuildChild(t *testing.T) {
	dir := os.Getenv(killChild)
	if dir == "" {
		t.Skip("run by TestKilledBuilds")
	}
	out := os.Getenv(killChild + "_OUT")
	show, probs := LoadWith(dir, LoadOptions{Output: out})
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := show.Build(context.Background(), BuildOptions{Now: day, Output: out}); err != nil {
		t.Fatal(err)
	}
}

// TestKilledBuilds kills builds of a show that is being edited at random
// points (a separate process, SIGKILL), and then lets one finish: its
// output must be the output of a build without any cache, byte for byte.
// Whatever a killed build left, published files or the incremental cache,
// is trusted by the next build only where it is still what it says.
func TestKilledBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a show some 30 times in other processes")
	}
	dir := seqShow(t, 60)
	out := filepath.Join(t.TempDir(), "public")
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	build := func(kill time.Duration) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChild$")
		cmd.Env = append(os.Environ(), killChild+"="+dir, killChild+"_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill > 0 {
			time.Sleep(kill)
			cmd.Process.Kill()
			cmd.Wait()
			if !cmd.ProcessState.Exited() {
				killed++ // stopped by the signal, not finished
			}
			return
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("the build that was let finish: %v", err)
		}
	}
	start := time.Now()
	build(0)
	first := time.Since(start) // of a build into an empty folder
	// Builds into an empty folder, killed: they leave new files half
	// written in place, which the builds after them must not trust.
	for range 3 {
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		build(time.Duration(rng.Int64N(int64(first))))
	}
	build(0)
	start = time.Now()
	build(0)
	took := time.Since(start) // of an incremental build with nothing to do
	// Edits, each built three times with a kill at a random moment, until
	// 16 builds were killed while running: how many finish first depends
	// on the load of the machine, which go test shares between packages.
	var order []int // each episode edited once, and 30 and 31 left for below
	for _, i := range rng.Perm(60) {
		if i+1 != 30 && i+1 != 31 {
			order = append(order, i+1)
		}
	}
	for k := 1; killed < 16 && k <= 24; k++ {
		i := order[k-1]
		edit := filepath.Join(dir, "episodes", fmt.Sprintf("%03d-part-%d.toml", i, i))
		editFile(t, edit, "title = \"Episode", fmt.Sprintf("title = \"Edit %d of episode", k))
		age(t, edit, 100+k)
		for range 3 {
			build(time.Duration(rng.Int64N(int64(took + took/2))))
		}
	}
	// The worst moment, made certain: a build that replaced the feeds and
	// pages and was killed before it saved its cache, so that the cache
	// describes the files of the build before.
	cache := filepath.Join(out, IncrementalFile)
	stale := filepath.Join(t.TempDir(), "stale")
	if err := os.CopyFS(stale, os.DirFS(cache)); err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		edit := filepath.Join(dir, "episodes", fmt.Sprintf("%03d-part-%d.toml", 30+k, 30+k))
		editFile(t, edit, "title = \"Episode", "title = \"Late edit of episode")
		age(t, edit, 200+k)
		build(0)
	}
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(cache, os.DirFS(stale)); err != nil {
		t.Fatal(err)
	}
	if killed < 12 {
		t.Errorf("only %d builds of 75 were still running when killed", killed)
	}
	build(0)
	full := filepath.Join(t.TempDir(), "full")
	if _, err := load(t, dir).Build(context.Background(), BuildOptions{Now: day, Output: full}); err != nil {
		t.Fatal(err)
	}
	compareOutputs(t, "after killed builds", readTree(t, full), readTree(t, out))
}
