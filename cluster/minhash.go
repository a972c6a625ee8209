package cluster

// MinHash over word 3-shingles finds near-duplicates: the share of equal
// positions in two signatures estimates the Jaccard similarity of the two
// texts' shingle sets, and banding the signature (LSH) finds candidates
// without comparing against every stored article. It is used rather than
// SimHash because news copies are short: a credit line and a changed word
// in a 70-word brief flip several SimHash bits, while the Jaccard estimate
// stays near 0.9.

const (
	sigSize  = 32 // hashes per signature
	sigBands = 8  // LSH bands of sigSize/sigBands rows
	sigRows  = sigSize / sigBands
)

// signature is a MinHash signature; the zero value means "too short".
type signature [sigSize]uint32

// minhash returns the MinHash signature of the 3-shingles of the title
// and text words, and false when there are fewer than three words.
func minhash(title, text []word) (signature, bool) {
	var sig signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var h0, h1 uint64
	n := 0
	add := func(w string) {
		h := wordHash(w)
		if n >= 2 {
			x := mix(h0*0x9e3779b97f4a7c15 ^ h1*0xc2b2ae3d27d4eb4f ^ h)
			for i := range sig {
				// One cheap hash family: the shingle hash mixed with a
				// per-position constant.
				v := uint32(mix(x ^ seeds[i]))
				if v < sig[i] {
					sig[i] = v
				}
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
	return sig, n >= 3
}

var seeds = func() [sigSize]uint64 {
	var s [sigSize]uint64
	x := uint64(0x243f6a8885a308d3)
	for i := range s {
		x = mix(x + 0x9e3779b97f4a7c15)
		s[i] = x
	}
	return s
}()

// similarity estimates the Jaccard similarity of the texts behind two
// signatures.
func similarity(a, b *signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / sigSize
}

// bandKeys returns the LSH keys of a signature: texts with Jaccard
// similarity 0.8 share at least one of the eight 4-row bands with
// probability 0.98, texts with 0.3 with probability 0.06.
func bandKeys(s *signature) [sigBands]uint64 {
	var out [sigBands]uint64
	for b := 0; b < sigBands; b++ {
		h := uint64(b) * 0x9e3779b97f4a7c15
		for r := 0; r < sigRows; r++ {
			h = mix(h ^ uint64(s[b*sigRows+r]))
		}
		out[b] = h
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

// mix is the SplitMix64 finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
