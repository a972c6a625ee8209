// Command parallax reads news from many outlets, groups the reports of each
// event and compares how the outlets cover it.
//
// Each subcommand lives in its own file and has the signature of runFunc;
// Main dispatches on the first argument so that tests run the whole
// program in-process (see main_test.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// gcPercent is the garbage collector's target unless GOGC says
// otherwise: the heap may grow by half its live size between collections
// rather than double, which trims peak memory for a little CPU. (A soft
// memory limit was tried and dropped: below a large live heap — the
// clusterer's open events at 100k articles — it makes the collector run
// almost continuously.) A server keeps Go's default, 100: its live heap
// is bounded by the page cache rather than by a corpus, and its requests'
// short-lived garbage is what the collector spends on (the load test
// measures it so).
const (
	gcPercent      = 50
	serveGCPercent = 100
)

func main() {
	if os.Getenv("GOGC") == "" {
		if len(os.Args) > 1 && os.Args[1] == "serve" {
			debug.SetGCPercent(serveGCPercent)
		} else {
			debug.SetGCPercent(gcPercent)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// Env is the program's view of its process: standard streams and
// environment, replaced in tests.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Ready, when set, receives the address a server listens on (tests
	// start serve on port 0).
	Ready func(addr string)
}

type runFunc func(ctx context.Context, env *Env, args []string) error

type command struct {
	name    string
	summary string
	run     runFunc
}

// commands is the table of subcommands, in the order help lists them.
var commands = []command{
	{"analyze", "ingest inputs, group them into events and print each event's dossier (the main job)", runAnalyze},
	{"ingest", "store articles from files, directories, feeds, pages or WARC archives", runIngest},
	{"events", "list the events in a store", runEvents},
	{"show", "show one event's dossier, or explain a membership with --why", runShow},
	{"search", "full-text search over titles and texts", runSearch},
	{"extract", "print the times, quantities, entities and quotes of each input article", runExtract},
	{"cluster", "cluster inputs without a store and print ID<TAB>EVENT", runCluster},
	{"recluster", "re-cluster a whole store in batch", runRecluster},
	{"serve", "web UI and JSON API", runServe},
	{"worker", "analyze the articles queued by serve's API and feeds", runWorker},
	{"export", "export articles, events, mentions, figures or quotes", runExport},
	{"eval", "score an extractor or the clusterer on annotated data", runEval},
	{"bench", "measure throughput of a pipeline stage", runBench},
	{"version", "print the version", runVersion},
}

// Exit statuses.
const (
	exitOK      = 0
	exitPartial = 1 // some inputs were skipped, or a runtime failure
	exitUsage   = 2
)

// errUsage marks errors caused by how the command was called.
var errUsage = errors.New("usage")

// errSkipped is returned when the run finished but some inputs were
// skipped; each was already named on standard error.
var errSkipped = errors.New("some inputs were skipped")

// usageError returns an error that makes Main exit with status 2.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// Main runs the program with args (without the program name) and returns
// its exit status.
func Main(ctx context.Context, args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printHelp(env.Stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(env.Stderr, "parallax %s: %v\n", c.name, err)
			return exitUsage
		case errors.Is(err, errSkipped):
			return exitPartial
		default:
			fmt.Fprintf(env.Stderr, "parallax %s: %v\n", c.name, err)
			return exitPartial
		}
	}
	fmt.Fprintf(env.Stderr, "parallax: unknown command %q\n\n", args[0])
	printHelp(env.Stderr)
	return exitUsage
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Parallax groups the reports of each news event and compares how outlets cover it.")
	fmt.Fprintln(w, "\nUsage: parallax COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'parallax COMMAND --help' for a command's flags.")
}

// newFlagSet returns a FlagSet for a subcommand whose usage message names
// it and lists its flags; parse errors become usage errors.
func newFlagSet(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("parallax "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: parallax %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning parse errors into usage errors. It
// accepts flags after positional arguments too ("analyze DIR --json").
func parseFlags(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

var version = "dev"

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "version", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "parallax", version)
	return nil
}
