package template

import (
	"fmt"
	"reflect"
	"time"
)

// This file is attache's addition to the standard library's text/template
// (see README.md in the parent folder). reflect.Value.Call allocates the
// argument and result slices and a call frame on every call, and
// html/template adds one or two escaper calls to every action: on a big
// site that was a fifth of a build's CPU. fastCall calls the function
// shapes templates use most with a plain Go call instead. The results are
// the same as through reflect.Value.Call, panics included (recovered as
// errors, as safeCall does).

// fastCall calls fun with argv when fun is a plain function (not a method
// value) of a known shape. ok is false when it is not, and the caller falls
// back to safeCall.
func fastCall(fun reflect.Value, argv []reflect.Value) (val reflect.Value, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok = true
			if e, isErr := r.(error); isErr {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	switch f := fun.Interface().(type) {
	case func(...any) string: // html/template's escapers
		return reflect.ValueOf(f(anyArgs(argv)...)), true, nil
	case func(string) string:
		return reflect.ValueOf(f(argv[0].String())), true, nil
	case func(string, ...any) string:
		return reflect.ValueOf(f(argv[0].String(), anyArgs(argv[1:])...)), true, nil
	case func(time.Time) string:
		t, isTime := argv[0].Interface().(time.Time)
		if !isTime {
			return reflect.Value{}, false, nil
		}
		return reflect.ValueOf(f(t)), true, nil
	case func(time.Time, string) string:
		t, isTime := argv[0].Interface().(time.Time)
		if !isTime {
			return reflect.Value{}, false, nil
		}
		return reflect.ValueOf(f(t, argv[1].String())), true, nil
	case func(...any) (map[string]any, error):
		m, err := f(anyArgs(argv)...)
		if err != nil {
			return reflect.Value{}, true, err
		}
		return reflect.ValueOf(m), true, nil
	}
	return reflect.Value{}, false, nil
}

// anyArgs turns evaluated arguments into the ...any a variadic function
// receives, as reflect.Value.Call would: an invalid Value (an untyped nil)
// becomes nil.
func anyArgs(argv []reflect.Value) []any {
	args := make([]any, len(argv))
	for i, v := range argv {
		if v.IsValid() {
			args[i] = v.Interface()
		}
	}
	return args
}
