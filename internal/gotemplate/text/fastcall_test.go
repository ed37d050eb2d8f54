package template

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestFastCallMatchesReflect runs every shape fastCall knows through both
// fastCall and reflect.Value.Call (safeCall) and wants the same result and
// the same error.
func TestFastCallMatchesReflect(t *testing.T) {
	when := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	boom := errors.New("boom")
	cases := []struct {
		name string
		fn   any
		args []any
	}{
		{"variadic any", func(a ...any) string { return fmt.Sprint(len(a), a) }, []any{"x", 3, nil, New("t")}},
		{"variadic none", func(a ...any) string { return fmt.Sprint(len(a)) }, nil},
		{"string", strings.ToUpper, []any{"abc"}},
		{"string variadic", func(s string, a ...any) string { return s + fmt.Sprint(a...) }, []any{"id", 1, "two"}},
		{"time", func(t time.Time) string { return t.Format(time.RFC3339) }, []any{when}},
		{"time string", func(t time.Time, f string) string { return t.Format(f) }, []any{when, "2006"}},
		{"dict", func(kv ...any) (map[string]any, error) { return map[string]any{"n": len(kv)}, nil }, []any{"a", 1}},
		{"dict error", func(kv ...any) (map[string]any, error) { return nil, boom }, []any{"a"}},
		{"panic error", func(a ...any) string { panic(boom) }, []any{1}},
		{"panic value", func(s string) string { panic("bad " + s) }, []any{"x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fun := reflect.ValueOf(c.fn)
			argv := make([]reflect.Value, len(c.args))
			for i, a := range c.args {
				if a == nil {
					argv[i] = reflect.Zero(reflect.TypeFor[any]())
				} else {
					argv[i] = reflect.ValueOf(a)
				}
			}
			got, ok, gotErr := fastCall(fun, argv)
			if !ok {
				t.Fatalf("fastCall does not take %T", c.fn)
			}
			want, wantErr := safeCall(fun, argv)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("error %v, reflect gives %v", gotErr, wantErr)
			}
			if wantErr == nil && !reflect.DeepEqual(got.Interface(), want.Interface()) {
				t.Fatalf("got %#v, reflect gives %#v", got.Interface(), want.Interface())
			}
		})
	}
}

// TestFastCallDeclines leaves other shapes, and method values, to reflect.
func TestFastCallDeclines(t *testing.T) {
	for _, fn := range []any{
		func(a, b int) int { return a + b },
		func(s string) (string, error) { return s, nil },
		func(a any) string { return fmt.Sprint(a) },
	} {
		if _, ok, _ := fastCall(reflect.ValueOf(fn), nil); ok {
			t.Errorf("fastCall took %T", fn)
		}
	}
}

// TestTemplateFastPathsGiveStandardOutput executes actions that go through
// fastCall, the field cache (a method and a field of the same name on two
// types, and an embedded field) and printValue's string path.
func TestTemplateFastPathsGiveStandardOutput(t *testing.T) {
	type inner struct{ Name string }
	type outer struct {
		inner
		Title string
	}
	funcs := FuncMap{
		"up":   strings.ToUpper,
		"join": func(a ...any) string { return fmt.Sprint(a...) },
		"T":    func(id string, a ...any) string { return id + fmt.Sprint(len(a)) },
	}
	tm := Must(New("x").Funcs(funcs).Parse(
		`{{ up .Title }}|{{ .Name }}|{{ join .Title 1 }}|{{ T "k" 1 2 }}|{{ .Title | up }}|{{ with $.M }}{{ .Name }}{{ end }}`))
	var b strings.Builder
	v := struct {
		outer
		M *named
	}{outer{inner{"in"}, "ti"}, &named{"m"}}
	for range 3 { // the second and third runs read the field cache
		b.Reset()
		if err := tm.Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), "TI|in|ti1|k2|TI|method m"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

type named struct{ n string }

// Name is a method where the other type has a field of the same name.
func (n *named) Name() string { return "method " + n.n }

// TestConcurrentExecution runs one template from many goroutines while
// the field cache and the function snapshot fill (run with -race).
func TestConcurrentExecution(t *testing.T) {
	type row struct{ Name, Title string }
	tm := Must(New("c").Funcs(FuncMap{"up": strings.ToUpper}).Parse(
		`{{ range . }}{{ up .Name }}:{{ .Title }};{{ end }}`))
	data := []row{{"a", "x"}, {"b", "y"}}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			var b strings.Builder
			for range 50 {
				b.Reset()
				if err := tm.Execute(&b, data); err != nil {
					errs <- err
					return
				}
				if b.String() != "A:x;B:y;" {
					errs <- fmt.Errorf("got %q", b.String())
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestStringForms: a function's string form is used for a lone string
// from the pipeline, and only then: a named string type, another argument
// or an argument in the command itself go to the function.
func TestStringForms(t *testing.T) {
	type label string
	var calls []string
	funcs := FuncMap{"wrap": func(a ...any) string {
		calls = append(calls, "func")
		return fmt.Sprint("[", fmt.Sprint(a...), "]")
	}}
	forms := map[string]func(string) string{"wrap": func(s string) string {
		calls = append(calls, "form")
		return "[" + s + "]"
	}}
	tm := Must(New("x").Funcs(funcs).StringForms(forms).Parse(
		`{{ .S | wrap }} {{ .L | wrap }} {{ wrap .S }} {{ .S | wrap 1 }} {{ .I | wrap }} {{ "lit" | wrap }}`))
	var b strings.Builder
	v := struct {
		S string
		L label
		I any
	}{"s", "l", "i"}
	if err := tm.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "[s] [l] [s] [1s] [i] [lit]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// .I is an interface holding a string: the pipeline hands the string
	// on, as it does to any function.
	if got, want := strings.Join(calls, " "), "form func func func form form"; got != want {
		t.Errorf("calls %q, want %q", got, want)
	}
	// A clone keeps the forms.
	calls = nil
	c := Must(Must(tm.Clone()).Parse(`{{ .S | wrap }}`))
	if err := c.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(calls, " "); got != "form" {
		t.Errorf("clone calls %q, want form", got)
	}
}
