package cluster

import "math"

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

func sqrt(x float64) float64 { return math.Sqrt(x) }

// topK returns the k first of xs in the order of before, sorted, in a new
// slice: what sorting a copy of xs and keeping k would give (before must
// be a strict total order), at the cost of one pass when k is small
// against len(xs).
func topK[T any](xs []T, k int, before func(a, b T) bool) []T {
	if k <= 0 {
		return nil
	}
	out := make([]T, 0, min(k, len(xs)))
	for _, x := range xs {
		if len(out) == k && !before(x, out[k-1]) {
			continue
		}
		i := len(out)
		if i < k {
			out = append(out, x)
		} else {
			i = k - 1
		}
		for i > 0 && before(x, out[i-1]) {
			out[i] = out[i-1]
			i--
		}
		out[i] = x
	}
	return out
}
