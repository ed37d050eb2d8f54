package release

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// terminal prompts on stderr and reads stdin with echo off. It is all the
// code that touches the terminal, kept apart so tests replace it.
type terminal struct{}

func (terminal) available() bool { return term.IsTerminal(int(os.Stdin.Fd())) }

func (terminal) ask(prompt string) ([]byte, error) {
	fmt.Fprint(os.Stderr, prompt)
	defer fmt.Fprintln(os.Stderr)
	return term.ReadPassword(int(os.Stdin.Fd()))
}
