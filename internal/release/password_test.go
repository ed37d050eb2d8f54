package release

import (
	"errors"
	"testing"
)

// fakeTerminal answers prompts from a script.
type fakeTerminal struct {
	tty     bool
	answers []string
	asked   int
}

func (f *fakeTerminal) available() bool { return f.tty }

func (f *fakeTerminal) ask(string) ([]byte, error) {
	if f.asked >= len(f.answers) {
		return nil, errors.New("no more input")
	}
	f.asked++
	return []byte(f.answers[f.asked-1]), nil
}

func TestKeyPassword(t *testing.T) {
	env := func(v string, set bool) func(string) (string, bool) {
		return func(k string) (string, bool) {
			if k != PasswordEnv {
				t.Errorf("looked up %q", k)
			}
			return v, set
		}
	}
	for name, tc := range map[string]struct {
		lookup  func(string) (string, bool)
		term    *fakeTerminal
		confirm bool
		want    string
		is      error
		asked   int
	}{
		"env wins":          {lookup: env("s3cret", true), term: &fakeTerminal{tty: true}, want: "s3cret"},
		"env empty":         {lookup: env("", true), term: &fakeTerminal{tty: true}},
		"no env, no tty":    {lookup: env("", false), term: &fakeTerminal{}, is: ErrNoPassword},
		"tty":               {lookup: env("", false), term: &fakeTerminal{tty: true, answers: []string{"pw"}}, want: "pw", asked: 1},
		"tty confirm":       {lookup: env("", false), term: &fakeTerminal{tty: true, answers: []string{"pw", "pw"}}, confirm: true, want: "pw", asked: 2},
		"tty mismatch":      {lookup: env("", false), term: &fakeTerminal{tty: true, answers: []string{"pw", "wp"}}, confirm: true, asked: 2},
		"tty empty":         {lookup: env("", false), term: &fakeTerminal{tty: true, answers: []string{""}}, asked: 1},
		"tty read error":    {lookup: env("", false), term: &fakeTerminal{tty: true}},
		"env, confirm skip": {lookup: env("x", true), term: &fakeTerminal{tty: true}, confirm: true, want: "x"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := keyPassword(tc.lookup, tc.term, tc.confirm)
			if string(got) != tc.want || (err == nil) != (tc.want != "") {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
			if tc.term.asked != tc.asked {
				t.Errorf("asked %d times, want %d", tc.term.asked, tc.asked)
			}
		})
	}
	if ErrNoPassword.Error() != "no key password: set ATTACHE_KEY_PASSWORD or run on a terminal" {
		t.Errorf("message: %q", ErrNoPassword)
	}
}
