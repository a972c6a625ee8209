package tagger

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Clusters groups words that occur in similar contexts, learned from
// unlabeled text: a word the labeled data never showed still shares a
// cluster with words it did ("Kanaani" with other surnames after
// "spokesperson"). Two granularities give the tagger coarse and fine
// classes. Keys are lower-cased words.
type Clusters map[string][2]uint16

// LearnClusters clusters the frequent words of sentences by their left and
// right neighbours with spherical k-means (deterministic initialization,
// so training is reproducible). coarse and fine are the cluster counts.
func LearnClusters(sentences [][]string, coarse, fine int) Clusters {
	count := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			count[lowerASCII(w)]++
		}
	}
	words := make([]string, 0, len(count))
	for w, c := range count {
		if c >= 3 {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > 30000 {
		words = words[:30000]
	}
	const nctx = 600
	ctx := map[string]int{"<s>": 0, "</s>": 1}
	for _, w := range words {
		if len(ctx) >= nctx {
			break
		}
		if _, ok := ctx[w]; !ok {
			ctx[w] = len(ctx)
		}
	}
	index := map[string]int{}
	for i, w := range words {
		index[w] = i
	}
	// Sparse context counts: left contexts in [0, nctx), right in [nctx, 2nctx).
	vecs := make([]map[int]float32, len(words))
	for i := range vecs {
		vecs[i] = map[int]float32{}
	}
	for _, s := range sentences {
		for k, w := range s {
			i, ok := index[lowerASCII(w)]
			if !ok {
				continue
			}
			left, right := "<s>", "</s>"
			if k > 0 {
				left = lowerASCII(s[k-1])
			}
			if k+1 < len(s) {
				right = lowerASCII(s[k+1])
			}
			if c, ok := ctx[left]; ok {
				vecs[i][c]++
			}
			if c, ok := ctx[right]; ok {
				vecs[i][nctx+c]++
			}
		}
	}
	type entry struct {
		dim int
		val float32
	}
	sparse := make([][]entry, len(words))
	for i, v := range vecs {
		var norm float64
		for d, c := range v {
			x := float32(math.Log1p(float64(c)))
			sparse[i] = append(sparse[i], entry{d, x})
			norm += float64(x * x)
		}
		slices.SortFunc(sparse[i], func(a, b entry) int { return a.dim - b.dim })
		n := float32(math.Sqrt(norm))
		for k := range sparse[i] {
			if n > 0 {
				sparse[i][k].val /= n
			}
		}
	}
	kmeans := func(k int) []uint16 {
		if k > len(words) {
			k = max(1, len(words))
		}
		dim := 2 * nctx
		cent := make([][]float32, k)
		for c := range cent {
			cent[c] = make([]float32, dim)
			for _, e := range sparse[c*len(words)/k] {
				cent[c][e.dim] = e.val
			}
		}
		assign := make([]uint16, len(words))
		for iter := 0; iter < 12; iter++ {
			for i, v := range sparse {
				best, arg := float32(-1), 0
				for c := range cent {
					var dot float32
					cc := cent[c]
					for _, e := range v {
						dot += cc[e.dim] * e.val
					}
					if dot > best {
						best, arg = dot, c
					}
				}
				assign[i] = uint16(arg)
			}
			for c := range cent {
				clear(cent[c])
			}
			for i, v := range sparse {
				cc := cent[assign[i]]
				for _, e := range v {
					cc[e.dim] += e.val
				}
			}
			for c := range cent {
				var n float64
				for _, x := range cent[c] {
					n += float64(x * x)
				}
				if n > 0 {
					s := float32(1 / math.Sqrt(n))
					for d := range cent[c] {
						cent[c][d] *= s
					}
				}
			}
		}
		return assign
	}
	a, b := kmeans(coarse), kmeans(fine)
	out := Clusters{}
	for i, w := range words {
		out[w] = [2]uint16{a[i], b[i]}
	}
	return out
}

// encode writes the clusters as lines "word coarse fine", sorted.
func (c Clusters) encode() string {
	lines := make([]string, 0, len(c))
	for w, v := range c {
		if strings.ContainsAny(w, " \n") {
			continue
		}
		lines = append(lines, w+" "+itoa(int(v[0]))+" "+itoa(int(v[1])))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [8]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func decodeClusters(s string) Clusters {
	c := Clusters{}
	for line := range strings.Lines(s) {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		a, b := atoi(f[1]), atoi(f[2])
		if a < 0 || b < 0 {
			continue
		}
		c[f[0]] = [2]uint16{uint16(a), uint16(b)}
	}
	return c
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1<<15 {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}
