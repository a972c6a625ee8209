package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/storetest"
)

// testEnv names the database the tests use; scripts/pgtest starts a
// throw-away one and sets it.
const testEnv = "PARALLAX_TEST_POSTGRES"

// freshSchema creates an empty schema for one test, dropped when the test
// ends, and returns the database URL with the schema as search path, so
// that tests share one database without seeing each other's rows.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := storetest.RequireDatabase(t, testEnv)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", testEnv, err)
	}
	defer admin.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", testEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store { return openTemp(t) })
}
