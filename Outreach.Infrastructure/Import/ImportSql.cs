using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// The set-based half of an import. The staging table lives for one transaction; row-level security and
/// the team id taken from the session (never from the file) keep every statement inside the team.
/// </summary>
internal static class ImportSql
{
    internal sealed record Statement(string Sql, IReadOnlyList<(string Name, object Value)> Parameters);

    /// <summary>Plain fields: copied as they are. The fill and overwrite policies treat each one alone.</summary>
    private static readonly string[] PlainColumns =
    [
        "full_name", "first_name", "last_name", "company", "secondary_phone", "address", "city", "state", "zip",
        "county", "website", "linked_in", "employees", "time_zone", "notes",
    ];

    /// <summary>Fields derived from another: they move together with their source, never half from each side.</summary>
    private static readonly (string Source, string[] Derived)[] DerivedColumns =
    [
        ("title", ["is_owner_or_executive"]),
        ("revenue", ["revenue_tier"]),
        ("sic", ["sector", "sub_sector"]),
    ];

    private const string StagingColumns =
        "id, row_number, full_name, first_name, last_name, company, title, phone, phone_extension, secondary_phone, email, " +
        "email_verified, address, city, state, zip, county, website, linked_in, sic, sector, sub_sector, revenue, revenue_tier, " +
        "employees, is_owner_or_executive, time_zone, tags, notes, custom_fields";

    public const string CreateStaging = $"""
        CREATE TEMP TABLE import_staging (
            id uuid NOT NULL,
            row_number integer NOT NULL,
            full_name text, first_name text, last_name text, company text, title text,
            phone text, phone_extension text, secondary_phone text, email text, email_verified boolean NOT NULL,
            address text, city text, state text, zip text, county text, website text, linked_in text,
            sic text, sector text, sub_sector text, revenue numeric, revenue_tier text, employees integer,
            is_owner_or_executive boolean NOT NULL, time_zone text, tags text[] NOT NULL, notes text,
            custom_fields jsonb NOT NULL,
            match_id uuid,
            match_duplicate boolean NOT NULL DEFAULT false
        ) ON COMMIT DROP
        """;

    /// <summary>
    /// The import's new prospects skip the search trigger; <see cref="IndexSearch"/> adds them to the search
    /// table once the import has committed (see the ProspectSearchTable migration).
    /// </summary>
    public const string DeferSearch = "SELECT set_config('app.search_deferred', 'on', true)";

    public static Statement IndexSearch(Guid importId) => new("SELECT app_index_prospect_search(@import)", [("import", importId)]);

    public const string CopyStaging = $"COPY import_staging ({StagingColumns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// The import's own tag on every staged row, so the insert and the update carry it like a tag from the
    /// file (within the same cap on tags a row can have).
    /// </summary>
    public static Statement TagStaged(string tag) => new("""
        UPDATE import_staging SET tags = array_append(tags, @tag)
        WHERE NOT (@tag = ANY(tags)) AND cardinality(tags) < @max
        """, [("tag", tag), ("max", ProspectRows.MaxTags)]);

    /// <summary>
    /// Existing prospects by phone first, then by e-mail. When several rows of the file reach the same
    /// prospect (one by phone, another by e-mail) the first row wins and the others count as duplicates.
    /// </summary>
    public const string MatchExisting = """
        ANALYZE import_staging;

        UPDATE import_staging s SET match_id = p.id
        FROM prospects p
        WHERE p.team_id = app_current_team() AND p.deleted_at IS NULL AND s.phone IS NOT NULL AND p.phone = s.phone;

        UPDATE import_staging s SET match_id = p.id
        FROM prospects p
        WHERE s.match_id IS NULL AND p.team_id = app_current_team() AND p.deleted_at IS NULL
          AND s.email IS NOT NULL AND p.email = s.email;

        UPDATE import_staging s SET match_duplicate = true
        FROM (SELECT id, row_number() OVER (PARTITION BY match_id ORDER BY row_number) AS rank
              FROM import_staging WHERE match_id IS NOT NULL) d
        WHERE d.id = s.id AND d.rank > 1;
        """;

    /// <summary>
    /// Whether the row's phone or e-mail is suppressed. A missing value is "not suppressed", never unknown: a
    /// NULL IN (...) over a non-empty list is NULL, which would break the NOT NULL flag (and fail the import).
    /// </summary>
    private const string Suppressed = """
        (coalesce(s.phone IN (SELECT value FROM suppressions WHERE team_id = app_current_team() AND channel = 'Sms'), false)
         OR coalesce(s.email IN (SELECT value FROM suppressions WHERE team_id = app_current_team() AND channel = 'Email'), false))
        """;

    /// <summary>
    /// New rows in one statement. ON CONFLICT covers a prospect another import committed a moment ago: the
    /// unique indexes on phone and e-mail decide, and such rows count as duplicates.
    /// Returns (inserted, of which suppressed, lost to a conflict).
    /// </summary>
    public static Statement InsertNew(Guid importId) => new($"""
        WITH inserted AS (
            INSERT INTO prospects ({StagingColumns.Replace("row_number, ", "")}, team_id, status, engagement_score,
                                   do_not_contact, import_id, created_at, updated_at)
            SELECT {StagingColumns.Replace("row_number, ", "")}, app_current_team(), 'New', 0,
                   {Suppressed}, @import, now(), now()
            FROM import_staging s
            WHERE s.match_id IS NULL
            ON CONFLICT DO NOTHING
            RETURNING do_not_contact
        )
        SELECT count(*),
               count(*) FILTER (WHERE do_not_contact),
               (SELECT count(*) FROM import_staging WHERE match_id IS NULL) - count(*)
        FROM inserted
        """, [("import", importId)]);

    /// <summary>
    /// Matched prospects take the file's values under the fill-blanks or overwrite policy. A phone or
    /// e-mail that another prospect already has is left alone rather than breaking uniqueness; tags are
    /// merged; custom fields are merged with the policy's side winning. Each updated prospect gets a
    /// timeline entry. Returns (updated, of which suppressed, rows that matched an already-matched prospect).
    /// </summary>
    public static Statement UpdateMatched(DuplicatePolicy policy, Guid importId, string fileName, string actor)
    {
        var overwrite = policy == DuplicatePolicy.Overwrite;
        var assignments = new List<string>();
        foreach (var column in PlainColumns)
        {
            assignments.Add(overwrite ? $"{column} = coalesce(s.{column}, p.{column})" : $"{column} = coalesce(p.{column}, s.{column})");
        }
        foreach (var (source, derived) in DerivedColumns)
        {
            var takeFile = overwrite ? $"s.{source} IS NOT NULL" : $"p.{source} IS NULL AND s.{source} IS NOT NULL";
            foreach (var column in new[] { source }.Concat(derived))
            {
                assignments.Add($"{column} = CASE WHEN {takeFile} THEN s.{column} ELSE p.{column} END");
            }
        }
        var takePhone = overwrite ? "s.phone IS NOT NULL AND s.phone IS DISTINCT FROM p.phone" : "p.phone IS NULL AND s.phone IS NOT NULL";
        assignments.Add($"""
            (phone, phone_extension) = (SELECT CASE WHEN {takePhone} AND NOT EXISTS (
                    SELECT 1 FROM prospects o WHERE o.team_id = p.team_id AND o.phone = s.phone AND o.deleted_at IS NULL AND o.id <> p.id)
                THEN s.phone ELSE p.phone END,
                CASE WHEN {takePhone} THEN s.phone_extension ELSE coalesce(p.phone_extension, s.phone_extension) END)
            """);
        var takeEmail = overwrite ? "s.email IS NOT NULL AND s.email IS DISTINCT FROM p.email" : "p.email IS NULL AND s.email IS NOT NULL";
        assignments.Add($"""
            email = CASE WHEN {takeEmail} AND NOT EXISTS (
                    SELECT 1 FROM prospects o WHERE o.team_id = p.team_id AND o.email = s.email AND o.deleted_at IS NULL AND o.id <> p.id)
                THEN s.email ELSE p.email END
            """);
        assignments.Add("email_verified = p.email_verified OR s.email_verified");
        assignments.Add("tags = ARRAY(SELECT DISTINCT t FROM unnest(p.tags || s.tags) AS t ORDER BY t)");
        assignments.Add(overwrite ? "custom_fields = p.custom_fields || s.custom_fields" : "custom_fields = s.custom_fields || p.custom_fields");
        assignments.Add($"do_not_contact = p.do_not_contact OR {Suppressed}");
        assignments.Add("updated_at = now()");

        return new($"""
            WITH updated AS (
                UPDATE prospects p SET {string.Join(",\n    ", assignments)}
                FROM import_staging s
                WHERE s.match_id = p.id AND NOT s.match_duplicate
                RETURNING p.id, p.do_not_contact
            ),
            timeline AS (
                INSERT INTO prospect_activities (team_id, prospect_id, kind, summary, actor_name, occurred_at)
                SELECT app_current_team(), u.id, '{ProspectActivityKinds.UpdatedByImport}', @summary, @actor, now() FROM updated u
            )
            SELECT count(*),
                   count(*) FILTER (WHERE do_not_contact),
                   (SELECT count(*) FROM import_staging WHERE match_duplicate)
            FROM updated
            """, [("summary", $"Updated by import of {fileName} ({policy switch { DuplicatePolicy.Overwrite => "overwrite", _ => "fill blanks" }}, import {importId:N})"), ("actor", actor)]);
    }

    // Node presence (NodePresence): a two-key advisory lock, so it never collides with the one-key locks elsewhere.
    // The server-side keepalives are the session's own: a dead machine's session ends in 25 s instead of hours.
    private const string NodePresenceLockClass = "209590910";

    public const string TakeNodePresence = $"""
        SET tcp_keepalives_idle = 10;
        SET tcp_keepalives_interval = 5;
        SET tcp_keepalives_count = 3;
        SELECT pg_try_advisory_lock({NodePresenceLockClass}, hashtext(@node));
        """;

    public const string ProbeNodePresence = $"SELECT pg_try_advisory_xact_lock({NodePresenceLockClass}, hashtext(@node))";
}
