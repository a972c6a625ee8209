package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Block indexes. A word in a few percent of a million articles has some
// 25,000 postings in the GIN index of all tsvectors; its newest 200
// matches lie in the newest few thousand rows. A bitmap of the whole
// index costs every posting, and ANDing it with a seq range costs the
// BRIN index whole (about 4 and 3 ms), for 200 rows. So the newest
// blocks of blockWidth seqs also have a GIN index of their own (a partial
// index, WHERE seq in the block): a bitmap of one block's postings, with
// the segment's seq range checked on the rows it fetches, costs a few
// hundredths of that. Only the newest keepBlocks blocks are indexed (the
// one being filled, and the next one as soon as half of it is near), so
// that storage stays bounded: search is recency-biased, and older
// stretches use the index of all tsvectors as before.
//
// The indexes are made and dropped in the background, by one process at a
// time (an advisory lock), with CREATE/DROP INDEX CONCURRENTLY, so that
// neither writers nor readers wait. Search uses a block's index only once
// the catalog shows it valid.

// blockWidth is how many seqs a block spans: a multiple of countWidth.
var blockWidth int64 = 16384

// keepBlocks is how many of the newest blocks have an index.
var keepBlocks int64 = 16

// blockRefresh is how often the list of valid block indexes is read from
// the catalog.
const blockRefresh = 10 * time.Second

// lockBlocks serializes processes making block indexes of one schema
// (the key is mixed with the schema's, see schemaLock).
const lockBlocks int64 = 0x706172626c6f636b // "parblock"

// schemaLock is the SQL of an advisory lock key, $1, made particular to
// the current schema: work that one process does for all (counting,
// block indexes) is per table, and databases may hold several schemas
// (the tests do), whose processes must not skip each other's work.
const schemaLock = `$1 # hashtextextended(current_schema(), 0)`

// blockIndexes is what a DB knows of its block indexes.
type blockIndexes struct {
	mu      sync.Mutex
	valid   map[int64]bool // block number → its index is usable
	checked time.Time
	busy    atomic.Bool // a goroutine is making or dropping indexes
}

// blockIndexName names the index of block k by its seqs, so that indexes
// of another block width are recognized as such (and dropped).
func blockIndexName(k int64) string {
	return fmt.Sprintf("articles_tsv_s%d_%d", k*blockWidth, (k+1)*blockWidth)
}

// parseBlockIndexName returns the block an index name is of, and false
// for names of other block widths.
func parseBlockIndexName(name string) (int64, bool) {
	lo, hi, ok := strings.Cut(strings.TrimPrefix(name, "articles_tsv_s"), "_")
	l, err1 := strconv.ParseInt(lo, 10, 64)
	h, err2 := strconv.ParseInt(hi, 10, 64)
	if !ok || err1 != nil || err2 != nil || blockWidth <= 0 || h-l != blockWidth || l%blockWidth != 0 {
		return 0, false
	}
	return l / blockWidth, true
}

// blockIndexList reads the block indexes from the catalog: block number →
// valid; others lists the names of block indexes of another width.
func (s *DB) blockIndexList(ctx context.Context) (list map[int64]bool, others []string, err error) {
	rows, err := s.pool.Query(ctx, `SELECT c.relname::text, i.indisvalid AND i.indisready
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		WHERE i.indrelid = 'articles'::regclass AND c.relname::text LIKE 'articles\_tsv\_s%'`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	list = map[int64]bool{}
	for rows.Next() {
		var name string
		var valid bool
		if err := rows.Scan(&name, &valid); err != nil {
			return nil, nil, err
		}
		if k, ok := parseBlockIndexName(name); ok {
			list[k] = valid
		} else {
			others = append(others, name)
		}
	}
	return list, others, rows.Err()
}

// blocksNow returns the blocks whose index search may use, read from the
// catalog at most every blockRefresh.
func (s *DB) blocksNow(ctx context.Context) map[int64]bool {
	b := &s.blocks
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.valid != nil && s.now().Sub(b.checked) < blockRefresh {
		return b.valid
	}
	list, _, err := s.blockIndexList(ctx)
	if err != nil {
		return b.valid // stale, or none: search works without them
	}
	valid := map[int64]bool{}
	for k, ok := range list {
		if ok {
			valid[k] = true
		}
	}
	b.valid, b.checked = valid, s.now()
	return valid
}

// blockRange returns the blocks that should have an index when the newest
// seq is maxSeq: the newest keepBlocks, counting the next block once the
// current one is half full.
func blockRange(maxSeq int64) (lo, hi int64) {
	hi = (maxSeq + blockWidth/2) / blockWidth
	return max(hi-keepBlocks+1, 0), hi
}

// maintainBlocks starts making or dropping block indexes in the
// background when those of maxSeq's blocks differ from valid.
func (s *DB) maintainBlocks(maxSeq int64, valid map[int64]bool) {
	lo, hi := blockRange(maxSeq)
	due := len(valid) != int(hi-lo+1)
	for k := lo; k <= hi && !due; k++ {
		due = !valid[k]
	}
	if !due || !s.blocks.busy.CompareAndSwap(false, true) {
		return
	}
	if s.background.Err() != nil { // closed
		s.blocks.busy.Store(false)
		return
	}
	s.working.Add(1)
	go func() {
		defer s.working.Done()
		defer s.blocks.busy.Store(false)
		ctx, cancel := context.WithTimeout(s.background, 30*time.Minute)
		defer cancel()
		_ = s.ensureBlocks(ctx, maxSeq)
	}()
}

// ensureBlocks makes the indexes of maxSeq's blocks, newest first, and
// drops older ones and any left invalid by an interrupted build, unless
// another process or goroutine is doing so (waiting for it could
// deadlock: CREATE INDEX CONCURRENTLY waits for every open transaction).
// It then rereads the catalog.
func (s *DB) ensureBlocks(ctx context.Context, maxSeq int64) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	var locked bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(`+schemaLock+`)`, lockBlocks).Scan(&locked); err != nil || !locked {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+schemaLock+`)`, lockBlocks)
	list, others, err := s.blockIndexList(ctx)
	if err != nil {
		return err
	}
	for _, name := range others {
		if _, err := conn.Exec(ctx, `DROP INDEX CONCURRENTLY IF EXISTS `+pgx.Identifier{name}.Sanitize()); err != nil {
			return fmt.Errorf("drop block index %s: %w", name, err)
		}
	}
	lo, hi := blockRange(maxSeq)
	for k, valid := range list {
		if !valid || k < lo {
			if _, err := conn.Exec(ctx, `DROP INDEX CONCURRENTLY IF EXISTS `+blockIndexName(k)); err != nil {
				return fmt.Errorf("drop block index %d: %w", k, err)
			}
		}
	}
	for k := hi; k >= lo; k-- {
		if list[k] {
			continue
		}
		if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON articles USING gin (tsv)
			WHERE seq >= %d AND seq < %d`, blockIndexName(k), k*blockWidth, (k+1)*blockWidth)); err != nil {
			return fmt.Errorf("make block index %d: %w", k, err)
		}
	}
	s.blocks.mu.Lock()
	s.blocks.checked = time.Time{} // reread at the next search
	s.blocks.mu.Unlock()
	return nil
}
