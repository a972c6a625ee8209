// Package places is the compact form of the GeoNames gazetteer the entity
// package embeds: about 175,000 places with their country, kind and
// coordinates, and the lookup keys of their names, normalized once when
// the file is generated rather than every time a program starts.
//
// A loaded Table is a handful of flat arrays (names and keys as one byte
// blob each, offsets, an open-addressing hash over the keys), so loading
// costs a few allocations instead of several per place and the table
// keeps about a quarter of the memory a map of strings would: the
// gazetteer used to allocate 230 MB while loading and keep 50 MB.
//
// The file is gzip-compressed; after the magic come the counts, then
// fixed-width columns per place (country index, kind, latitude,
// longitude), the names front-coded (the length shared with the name
// before, the length and bytes of the rest), and the keys in sorted order
// (front-coded, one flag byte each, uvarint list lengths and the places
// each full key names as zigzag differences).
package places

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strings"
)

// Kinds of place, as the generator marks them.
const (
	City   = 'c' // a populated place
	Region = 'r' // a first-level administrative region
	Seat   = 's' // the seat of a first-level region
)

// Place is one place as the generator writes it.
type Place struct {
	Name    string
	Country string // ISO 3166-1 alpha-2
	Kind    byte   // City, Region or Seat
	// Lat and Lon are meaningful when HasCoords is set.
	Lat, Lon  float32
	HasCoords bool
}

// Key flags.
const (
	full   = 1 // the key is a whole name
	longer = 2 // some longer name starts with the key and a space
)

const magic = "PXPLACE2"

// limits guard Read against corrupt input asking for absurd allocations.
const (
	maxPlaces   = 1 << 22
	maxKeys     = 1 << 23
	maxBlob     = 1 << 28
	maxKeyWords = 15
)

// Write encodes places and their lookup keys: keys(name) returns the
// keys under which a place of that name is found, each a name's words
// joined by single spaces. A key's words are what lookups extend one at a
// time, so every proper word prefix of a key is recorded too.
func Write(w io.Writer, ps []Place, keys func(name string) []string) error {
	codes := map[string]int{}
	var codeList []string
	lists := map[string][]uint32{}
	for i, p := range ps {
		if len(p.Country) != 2 {
			return fmt.Errorf("write places: %q has country %q", p.Name, p.Country)
		}
		if _, ok := codes[p.Country]; !ok {
			codes[p.Country] = len(codeList)
			codeList = append(codeList, p.Country)
		}
		for _, k := range keys(p.Name) {
			if l := lists[k]; len(l) == 0 || l[len(l)-1] != uint32(i) {
				lists[k] = append(l, uint32(i))
			}
		}
	}
	if len(codeList) > math.MaxUint16 {
		return errors.New("write places: too many countries")
	}
	// Every proper word prefix of a key, with the most words of the names
	// that start with it.
	flags := map[string]byte{}
	words := map[string]int{}
	for k := range lists {
		flags[k] |= full
		n := strings.Count(k, " ") + 1
		if n > maxKeyWords {
			return fmt.Errorf("write places: key %q has more than %d words", k, maxKeyWords)
		}
		words[k] = max(words[k], n)
		for p := 0; p < len(k); p++ {
			if k[p] == ' ' {
				flags[k[:p]] |= longer
				words[k[:p]] = max(words[k[:p]], n)
			}
		}
	}
	sorted := make([]string, 0, len(flags))
	nameBytes, keyBytes, nlist := 0, 0, 0
	for k := range flags {
		sorted = append(sorted, k)
		keyBytes += len(k)
		nlist += len(lists[k])
	}
	slices.Sort(sorted)
	for _, p := range ps {
		nameBytes += len(p.Name)
	}

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var vb [binary.MaxVarintLen64]byte
	uv := func(x int) { bw.Write(vb[:binary.PutUvarint(vb[:], uint64(x))]) }
	le := func(x any) { binary.Write(bw, binary.LittleEndian, x) }
	bw.WriteString(magic)
	le([]uint32{uint32(len(ps)), uint32(len(sorted)), uint32(nameBytes), uint32(keyBytes), uint32(nlist)})
	le(uint16(len(codeList)))
	for _, c := range codeList {
		bw.WriteString(c)
	}
	for _, p := range ps {
		le(uint16(codes[p.Country]))
	}
	for _, p := range ps {
		bw.WriteByte(p.Kind)
	}
	nan := float32(math.NaN())
	for _, lon := range []bool{false, true} {
		for _, p := range ps {
			v := nan
			if p.HasCoords {
				v = p.Lat
				if lon {
					v = p.Lon
				}
			}
			le(math.Float32bits(v))
		}
	}
	// Names and keys are sorted, so each is written as the length of the
	// prefix it shares with the one before and the rest.
	front := func(n int, at func(int) string) {
		prev := ""
		for i := range n {
			s := at(i)
			c := 0
			for c < len(s) && c < len(prev) && s[c] == prev[c] {
				c++
			}
			uv(c)
			uv(len(s) - c)
			bw.WriteString(s[c:])
			prev = s
		}
	}
	front(len(ps), func(i int) string { return ps[i].Name })
	front(len(sorted), func(i int) string { return sorted[i] })
	for _, k := range sorted {
		bw.WriteByte(flags[k] | byte(words[k])<<4)
	}
	for _, k := range sorted {
		uv(len(lists[k]))
	}
	// Places follow their names' order, and so do the keys: each place
	// number is written as its zigzag difference from the one before.
	prev := 0
	for _, k := range sorted {
		for _, x := range lists[k] {
			d := int(x) - prev
			uv(int(uint(d<<1) ^ uint(d>>63)))
			prev = int(x)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Table is a loaded place list. It is read-only and safe for concurrent
// use.
type Table struct {
	codes   []string
	country []uint16
	kind    []byte
	lat     []float32
	lon     []float32
	names   string
	nameOff []uint32 // place i's name is names[nameOff[i]:nameOff[i+1]]
	keys    string
	keyOff  []uint32
	flags   []byte
	listOff []uint32
	lists   []int32
	slots   []uint32 // key index + 1, 0 for an empty slot
	seed    maphash.Seed
}

// Read loads a file written by Write. Every place number in the key
// lists is offset by base, so that callers can give places and their own
// entries one index space.
func Read(r io.Reader, base int32) (*Table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("open places: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("read places: not a place file")
	}
	var n [5]uint32
	var ncodes uint16
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("read places: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &ncodes); err != nil {
		return nil, fmt.Errorf("read places: %w", err)
	}
	np, nk, nameBytes, keyBytes, nlist := int(n[0]), int(n[1]), int(n[2]), int(n[3]), int(n[4])
	if np > maxPlaces || nk > maxKeys || nameBytes > maxBlob || keyBytes > maxBlob || nlist > maxKeys || int(base)+np < 0 {
		return nil, errors.New("read places: sizes out of range")
	}
	t := &Table{
		codes: make([]string, ncodes), country: make([]uint16, np), kind: make([]byte, np),
		lat: make([]float32, np), lon: make([]float32, np), nameOff: make([]uint32, np+1),
		keyOff: make([]uint32, nk+1), flags: make([]byte, nk), listOff: make([]uint32, nk+1), lists: make([]int32, nlist),
	}
	fail := func(what string, err error) (*Table, error) {
		return nil, fmt.Errorf("read places %s: %w", what, err)
	}
	cb := make([]byte, 2*int(ncodes))
	if _, err := io.ReadFull(br, cb); err != nil {
		return fail("countries", err)
	}
	for i := range t.codes {
		t.codes[i] = string(cb[2*i : 2*i+2])
	}
	if err := binary.Read(br, binary.LittleEndian, t.country); err != nil {
		return fail("countries", err)
	}
	for _, c := range t.country {
		if int(c) >= len(t.codes) {
			return nil, errors.New("read places: bad country")
		}
	}
	if _, err := io.ReadFull(br, t.kind); err != nil {
		return fail("kinds", err)
	}
	if err := binary.Read(br, binary.LittleEndian, t.lat); err != nil {
		return fail("coordinates", err)
	}
	if err := binary.Read(br, binary.LittleEndian, t.lon); err != nil {
		return fail("coordinates", err)
	}
	// offsets reads count uvarint lengths into cumulative offsets that
	// must add up to total.
	offsets := func(off []uint32, total int) error {
		sum := 0
		for i := 1; i < len(off); i++ {
			l, err := binary.ReadUvarint(br)
			if err != nil {
				return err
			}
			sum += int(l)
			if l > uint64(total) || sum > total {
				return errors.New("lengths out of range")
			}
			off[i] = uint32(sum)
		}
		if sum != total {
			return errors.New("lengths do not add up")
		}
		return nil
	}
	// front reads front-coded strings into one blob of size total, their
	// ends into off[1:].
	front := func(off []uint32, total int) (string, error) {
		buf := make([]byte, 0, total)
		for i := 1; i < len(off); i++ {
			c, err := binary.ReadUvarint(br)
			if err != nil {
				return "", err
			}
			n, err := binary.ReadUvarint(br)
			if err != nil {
				return "", err
			}
			start := 0 // of the string before
			if i >= 2 {
				start = int(off[i-2])
			}
			if c > uint64(len(buf)-start) || n > uint64(total-len(buf)-int(c)) {
				return "", errors.New("lengths out of range")
			}
			buf = append(buf, buf[start:start+int(c)]...)
			l := len(buf)
			buf = buf[:l+int(n)]
			if _, err := io.ReadFull(br, buf[l:]); err != nil {
				return "", err
			}
			off[i] = uint32(len(buf))
		}
		if len(buf) != total {
			return "", errors.New("lengths do not add up")
		}
		return string(buf), nil
	}
	if t.names, err = front(t.nameOff, nameBytes); err != nil {
		return fail("names", err)
	}
	if t.keys, err = front(t.keyOff, keyBytes); err != nil {
		return fail("keys", err)
	}
	if _, err := io.ReadFull(br, t.flags); err != nil {
		return fail("keys", err)
	}
	if err := offsets(t.listOff, nlist); err != nil {
		return fail("lists", err)
	}
	prev := int64(0)
	for i := range t.lists {
		z, err := binary.ReadUvarint(br)
		if err != nil {
			return fail("lists", err)
		}
		x := prev + (int64(z>>1) ^ -int64(z&1))
		if x < 0 || x >= int64(np) {
			return nil, errors.New("read places: list names a missing place")
		}
		t.lists[i] = int32(x) + base
		prev = x
	}
	// The hash: a power of two above 1.5 times the keys, so that a probe
	// always ends on an empty slot; linear probes.
	size := 1
	for size <= nk+nk/2 {
		size <<= 1
	}
	t.slots = make([]uint32, size)
	t.seed = maphash.MakeSeed()
	mask := uint64(size - 1)
	for k := range nk {
		h := maphash.String(t.seed, t.key(k)) & mask
		for t.slots[h] != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = uint32(k + 1)
	}
	return t, nil
}

func (t *Table) key(k int) string { return t.keys[t.keyOff[k]:t.keyOff[k+1]] }

// Len returns the number of places.
func (t *Table) Len() int { return len(t.kind) }

// Name returns place i's name.
func (t *Table) Name(i int) string { return t.names[t.nameOff[i]:t.nameOff[i+1]] }

// Country returns place i's ISO country code.
func (t *Table) Country(i int) string { return t.codes[t.country[i]] }

// Kind returns place i's kind: City, Region or Seat.
func (t *Table) Kind(i int) byte { return t.kind[i] }

// Coords returns place i's position, ok false when it has none.
func (t *Table) Coords(i int) (lat, lon float32, ok bool) {
	lat, lon = t.lat[i], t.lon[i]
	if lat != lat || lon != lon {
		return 0, 0, false
	}
	return lat, lon, true
}

// Key is the result of a lookup: what a key is, and the places it names.
type Key struct {
	// Places are the places whose name has this key, offset by Read's
	// base, in file order; nil when the key is only a prefix.
	Places []int32
	// Longer says that a longer key starts with this one and a space.
	Longer bool
	// Words is the most words of any key that starts with this one.
	Words int
}

// Find looks a key up without allocating; ok is false when no key is or
// starts with it.
func (t *Table) Find(key []byte) (k Key, ok bool) {
	if len(t.slots) == 0 {
		return Key{}, false
	}
	mask := uint64(len(t.slots) - 1)
	for h := maphash.Bytes(t.seed, key) & mask; ; h = (h + 1) & mask {
		s := t.slots[h]
		if s == 0 {
			return Key{}, false
		}
		if x := int(s - 1); t.key(x) == string(key) {
			return t.result(x), true
		}
	}
}

// FindString is Find for a string key.
func (t *Table) FindString(key string) (k Key, ok bool) {
	if len(t.slots) == 0 {
		return Key{}, false
	}
	mask := uint64(len(t.slots) - 1)
	for h := maphash.String(t.seed, key) & mask; ; h = (h + 1) & mask {
		s := t.slots[h]
		if s == 0 {
			return Key{}, false
		}
		if x := int(s - 1); t.key(x) == key {
			return t.result(x), true
		}
	}
}

func (t *Table) result(x int) (k Key) {
	f := t.flags[x]
	if f&full != 0 {
		k.Places = t.lists[t.listOff[x]:t.listOff[x+1]:t.listOff[x+1]]
	}
	k.Longer = f&longer != 0
	k.Words = int(f >> 4)
	return k
}
