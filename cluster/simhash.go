package cluster

import "math/bits"

// simhash returns a 64-bit SimHash of the word 3-shingles of the title
// and text words. Each shingle votes on every bit with its FNV-1a hash;
// near-identical texts share most shingles and so most bits, which makes
// the Hamming distance of two SimHashes a cheap estimate of how much of
// the texts differ.
func simhash(title, text []word) uint64 {
	var v [64]int32
	var h0, h1 uint64
	n := 0
	add := func(w string) {
		h := wordHash(w)
		if n >= 2 {
			x := mix(h0*0x9e3779b97f4a7c15 ^ h1*0xc2b2ae3d27d4eb4f ^ h)
			for b := 0; b < 64; b++ {
				v[b] += int32(x>>b&1)*2 - 1
			}
		}
		h0, h1 = h1, h
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

// wordHash is FNV-1a over the bytes of w.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// mix is the SplitMix64 finalizer: it spreads a shingle's hash over all
// bits so that every bit votes independently.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
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
