using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Outreach.Infrastructure.Tests;

/// <summary>
/// Migrations are written by hand, so this is what keeps them honest: the schema they build must be the
/// schema the EF model expects, table by table, column by column, index by index.
/// </summary>
public class SchemaMatchesModelTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_model_table_and_column_exists_with_the_expected_type_and_nullability()
    {
        await using var db = fixture.SystemContext();
        var expected = ModelColumns(db.Model).Order().ToList();

        var actual = (await db.Database.SqlQueryRaw<string>(
                """
                SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
                       CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END AS "Value"
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                  AND c.relname NOT LIKE 'qrtz_%' AND c.relname <> '__ef_migrations_history'
                """).ToListAsync())
            .Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Every_model_index_exists_with_the_same_columns_and_uniqueness()
    {
        await using var db = fixture.SystemContext();
        var expected = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Select(i =>
                $"{t.Name}.{i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}"))
            .Order().ToList();

        var actual = (await db.Database.SqlQueryRaw<string>(
                """
                SELECT t.relname || '.' || i.relname || ' (' ||
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                          FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')' ||
                       CASE WHEN ix.indisunique THEN ' unique' ELSE '' END AS "Value"
                FROM pg_index ix
                JOIN pg_class i ON i.oid = ix.indexrelid
                JOIN pg_class t ON t.oid = ix.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND NOT ix.indisprimary
                  AND t.relname NOT LIKE 'qrtz_%' AND t.relname <> '__ef_migrations_history'
                  -- EF cannot model an index on an expression (the message full-text index); the search tests use it.
                  AND ix.indexprs IS NULL
                """).ToListAsync())
            .Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Every_foreign_key_of_the_model_exists()
    {
        await using var db = fixture.SystemContext();
        var expected = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints.Select(f => $"{t.Name}.{f.Name} -> {f.PrincipalTable.Name}"))
            .Order().ToList();

        var actual = (await db.Database.SqlQueryRaw<string>(
                """
                SELECT c.conrelid::regclass::text || '.' || c.conname || ' -> ' || c.confrelid::regclass::text AS "Value"
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid::regclass::text NOT LIKE 'qrtz_%'
                """).ToListAsync())
            .Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Quartz_tables_exist_for_the_clustered_scheduler()
    {
        await using var db = fixture.SystemContext();
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name LIKE 'qrtz_%'").ToListAsync();

        Assert.Contains("qrtz_scheduler_state", tables);
        Assert.Contains("qrtz_triggers", tables);
        Assert.Contains("qrtz_locks", tables);
    }

    private static IEnumerable<string> ModelColumns(IModel model) =>
        model.GetRelationalModel().Tables.SelectMany(t => t.Columns.Select(c =>
            $"{t.Name}.{c.Name} {c.StoreType}{(c.IsNullable ? " null" : " not null")}"));
}
