package watch

import (
	"errors"
	"testing"
)

func TestCollapse(t *testing.T) {
	tests := []struct {
		first, second Op
		want          Op
		keep          bool
	}{
		{Create, Write, Create, true},
		{Create, Remove, 0, false},
		{Create, Create, Create, true},
		{Write, Write, Write, true},
		{Write, Remove, Remove, true},
		{Write, Create, Write, true},
		{Remove, Create, Write, true},
		{Remove, Write, Write, true},
		{Remove, Remove, Remove, true},
	}
	for _, tt := range tests {
		got, keep := collapse(tt.first, tt.second)
		if got != tt.want || keep != tt.keep {
			t.Errorf("collapse(%v, %v) = %v, %v; want %v, %v", tt.first, tt.second, got, keep, tt.want, tt.keep)
		}
	}
}

func TestOfferFoldsAndSorts(t *testing.T) {
	var o offer
	o.add("b", Create)
	o.add("a", Remove)
	o.add("c", Create)
	o.add("c", Remove) // came and went
	o.add("a", Create) // removed then back: a write
	o.addErrs([]error{errors.New("x")}, 0)
	b := o.batch()
	want := []Change{{"a", Write}, {"b", Create}}
	if len(b.Changes) != 2 || b.Changes[0] != want[0] || b.Changes[1] != want[1] || len(b.Errors) != 1 {
		t.Fatalf("batch:\n%s", show(b))
	}
	var big offer
	errs := make([]error, maxErrors+5)
	for i := range errs {
		errs[i] = errors.New("e")
	}
	big.addErrs(errs, 2)
	if got := len(big.batch().Errors); got != maxErrors+1 {
		t.Errorf("%d errors in batch, want %d (the rest summed up in one)", got, maxErrors+1)
	}
}
