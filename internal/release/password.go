package release

import (
	"bytes"
	"errors"
	"fmt"
	"os"
)

// PasswordEnv names the environment variable holding the key password, for
// CI and scripts; a person at a terminal is asked instead.
const PasswordEnv = "ATTACHE_KEY_PASSWORD"

// ErrNoPassword: neither the environment nor a terminal can give a password.
var ErrNoPassword = errors.New("no key password: set " + PasswordEnv + " or run on a terminal")

// prompter asks a person for a password without echo.
type prompter interface {
	available() bool
	ask(prompt string) ([]byte, error)
}

// KeyPassword returns the private key's password: $ATTACHE_KEY_PASSWORD when
// set, else typed on the terminal without echo (twice when confirm is true,
// as for keygen), else ErrNoPassword.
func KeyPassword(confirm bool) ([]byte, error) {
	return keyPassword(os.LookupEnv, terminal{}, confirm)
}

func keyPassword(lookup func(string) (string, bool), p prompter, confirm bool) ([]byte, error) {
	if v, ok := lookup(PasswordEnv); ok {
		if v == "" {
			return nil, fmt.Errorf("%s is set but empty", PasswordEnv)
		}
		return []byte(v), nil
	}
	if !p.available() {
		return nil, ErrNoPassword
	}
	pw, err := p.ask("Key password: ")
	if err != nil {
		return nil, fmt.Errorf("reading password: %w", err)
	}
	if len(pw) == 0 {
		return nil, errors.New("empty password")
	}
	if confirm {
		again, err := p.ask("Repeat password: ")
		if err != nil {
			return nil, fmt.Errorf("reading password: %w", err)
		}
		if !bytes.Equal(pw, again) {
			return nil, errors.New("passwords do not match")
		}
	}
	return pw, nil
}
