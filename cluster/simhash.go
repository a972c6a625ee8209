package cluster

import (
	"hash/fnv"
	"math/bits"
)

// simhash returns a 64-bit SimHash of the word 3-shingles of the title
// and text words. Each shingle votes on every bit with its FNV-1a hash;
// near-identical texts share most shingles and so most bits, which makes
// the Hamming distance of two SimHashes a cheap estimate of how much of
// the texts differ.
func simhash(title, text []word) uint64 {
	var v [64]int32
	var prev [2]string
	n := 0
	h := fnv.New64a()
	add := func(w string) {
		if n >= 2 {
			h.Reset()
			h.Write([]byte(prev[0]))
			h.Write([]byte{0})
			h.Write([]byte(prev[1]))
			h.Write([]byte{0})
			h.Write([]byte(w))
			x := h.Sum64()
			for b := 0; b < 64; b++ {
				if x&(1<<b) != 0 {
					v[b]++
				} else {
					v[b]--
				}
			}
		}
		prev[0], prev[1] = prev[1], w
		n++
	}
	for _, w := range title {
		add(w.lower)
	}
	for _, w := range text {
		add(w.lower)
	}
	if n < 3 {
		return 0
	}
	var out uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

// hamming returns the number of bits in which a and b differ.
func hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// simBands splits a SimHash into four 16-bit bands keyed by band number:
// two hashes within Hamming distance 3 agree on at least one band, so a
// lookup by band finds every near-duplicate candidate.
func simBands(h uint64) [4]uint32 {
	var out [4]uint32
	for i := 0; i < 4; i++ {
		out[i] = uint32(i)<<16 | uint32(h>>(16*i))&0xffff
	}
	return out
}
