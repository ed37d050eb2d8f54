package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/serve"
)

// cmdServe runs the development server until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, a second one kills at once, should the
	// shutdown hang.
	context.AfterFunc(ctx, stop)
	return serveUntil(ctx, args, stdout, stderr)
}

// serveUntil is cmdServe with the stop condition given, for tests.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	addr := fl.String("addr", serve.DefaultAddr, "listen on this `host:port` (port 0 picks a free one; \":1313\" listens on every interface)")
	poll := fl.Duration("poll", 0, "look for changes at this `interval` instead of relying on file-system events (network mounts, some containers)")
	drafts := fl.Bool("drafts", false, "include drafts")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "attache serve: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	if *poll < 0 {
		fmt.Fprintf(stderr, "attache serve: --poll %v: must not be negative\n", *poll)
		return exitUsage
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		fmt.Fprintf(stderr, "attache serve: --addr %q: %v (want host:port, e.g. %s)\n", *addr, err, serve.DefaultAddr)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err == nil {
		var info os.FileInfo
		if info, err = os.Stat(root); err == nil && !info.IsDir() {
			err = errors.New("not a folder")
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "attache serve: --source %s: %v\n", *src, err)
		return exitUsage
	}

	p := &buildPrinter{stdout: stdout, stderr: stderr, warned: map[diag.Diagnostic]bool{}}
	srv, err := serve.New(serve.Config{
		Root:    root,
		Addr:    *addr,
		Poll:    *poll,
		Build:   serve.SessionBuilder(os.DirFS(root), attache.Theme(), build.Options{Drafts: *drafts, ImageCache: filepath.Join(root, ".attache", "cache", "images")}),
		OnBuild: p.report,
		Log:     stderr,
	})
	if err != nil {
		// Mostly a busy port or an address that is not this machine's.
		fmt.Fprintf(stderr, "attache serve: %v\n", err)
		return exitUsage
	}
	if host, _, _ := net.SplitHostPort(*addr); host == "" || net.ParseIP(host).IsUnspecified() {
		fmt.Fprintln(stderr, "attache serve: listening on every network interface: anyone on the network can read the drafts")
	}
	fmt.Fprintf(stdout, "Serving at %s\n", srv.URL())
	srv.Start(ctx)
	if err := srv.Wait(); err != nil {
		fmt.Fprintf(stderr, "attache serve: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "attache serve: stopped")
	return exitOK
}

// buildPrinter reports builds on the terminal: every error, the warnings a
// build adds to the previous one's (an author has seen the rest), and one
// line of outcome.
type buildPrinter struct {
	stdout, stderr io.Writer
	warned         map[diag.Diagnostic]bool // warnings of the previous build
}

func (p *buildPrinter) report(r serve.Report) {
	var d *diag.List
	if r.Result != nil {
		d = r.Result.Diags
	}
	if d != nil {
		show := &diag.List{}
		warned := map[diag.Diagnostic]bool{}
		for _, x := range d.Sorted() {
			if x.Severity == diag.Warning {
				warned[x] = true
				if p.warned[x] {
					continue
				}
			}
			show.Add(x)
		}
		p.warned = warned
		printDiags(p.stderr, show, false)
	}
	ms := r.Duration.Milliseconds()
	switch {
	case r.Err != nil:
		n := 0
		if d != nil {
			n = len(d.Errors())
		}
		if n == 0 {
			fmt.Fprintf(p.stderr, "attache serve: %v\n", r.Err)
			n = 1
		}
		if r.Initial {
			fmt.Fprintf(p.stderr, "build failed in %d ms: %d error(s); the site is served once they are fixed\n", ms, n)
		} else {
			fmt.Fprintf(p.stderr, "rebuild failed in %d ms: %d error(s); still serving the last good build\n", ms, n)
		}
	case r.Initial:
		fmt.Fprintf(p.stdout, "attache: pages %s; built in %d ms (%d files)\n", r.Result.Summary(), ms, r.Files)
	case r.Result != nil && r.Result.Incremental:
		// Only what shows the saved bodies was rendered again.
		fmt.Fprintf(p.stdout, "rebuilt in %d ms (rendered %d of %d files)\n", ms, len(r.Result.Outputs), r.Files)
	default:
		fmt.Fprintf(p.stdout, "rebuilt in %d ms (%d files)\n", ms, r.Files)
	}
}
