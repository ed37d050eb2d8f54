package site

// TopK keeps the K best values offered to it, best first, in one pass and
// O(K) memory: lists of related articles and feeds need the few best of
// thousands, where sorting everything would dominate the build.
type TopK[T any] struct {
	k      int
	better func(a, b T) bool // a strict order: ties must be broken
	items  []T
}

// NewTopK returns a TopK keeping k values ordered by better.
func NewTopK[T any](k int, better func(a, b T) bool) *TopK[T] {
	return &TopK[T]{k: k, better: better, items: make([]T, 0, k)}
}

// Offer considers x.
func (t *TopK[T]) Offer(x T) {
	if t.k <= 0 || (len(t.items) == t.k && !t.better(x, t.items[t.k-1])) {
		return
	}
	i := len(t.items)
	if i < t.k {
		var zero T
		t.items = append(t.items, zero)
	} else {
		i--
	}
	for ; i > 0 && t.better(x, t.items[i-1]); i-- {
		t.items[i] = t.items[i-1]
	}
	t.items[i] = x
}

// Items returns the kept values, best first.
func (t *TopK[T]) Items() []T { return t.items }
