using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// Runs one import, all or nothing: the file streams through the normaliser into a binary COPY of a
/// temporary staging table, and set-based SQL merges the staging table into the team's prospects. Reading,
/// normalising (in parallel chunks) and COPY run side by side; nothing holds more than a few thousand rows
/// at once. One
/// transaction covers the staging, the merge, the rejected rows and the final counts, so a crash, a failure
/// or a cancellation leaves no partial rows behind.
/// </summary>
public sealed class ProspectImporter(
    TenantDatabase tenantDatabase,
    ISystemDbContextFactory systemContexts,
    ImportFiles files,
    ILiveEventPublisher events,
    TimeProvider clock,
    IOptions<OutreachOptions> options,
    ILogger<ProspectImporter> logger)
{
    private const int BatchSize = 2_000;
    private const int ChunkSize = 1_000;
    private const int ChunksInFlight = 4;
    private const int MaxStoredRejections = 200_000;
    private const int MaxRawLength = 2_000;
    private const int MaxCellsLength = 4_000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        ProspectImport import;
        await using (var db = systemContexts.CreateDbContext())
        {
            import = await db.Set<ProspectImport>().AsNoTracking().SingleAsync(i => i.Id == importId, cancellationToken);
        }
        var stopwatch = Stopwatch.StartNew();
        var progress = new ImportProgressReporter(import, events, systemContexts, clock, stopwatch);
        try
        {
            var counts = await ImportAsync(import, progress, cancellationToken);
            logger.LogInformation(
                "Import {ImportId} of {FileName} for team {TeamId}: {Rows} rows, {Inserted} inserted, {Updated} updated, {Duplicates} duplicates, {Invalid} invalid, {Suppressed} suppressed in {Elapsed} ms",
                import.Id, import.FileName, import.TeamId, counts.Rows, counts.Inserted, counts.Updated, counts.Duplicates,
                counts.Invalid, counts.Suppressed, stopwatch.ElapsedMilliseconds);
            await progress.FinishedAsync(ImportStatus.Completed, null, CancellationToken.None);
            await IndexForSearchAsync(import, counts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Import {ImportId} was cancelled; nothing was written", import.Id);
            await progress.FinishedAsync(ImportStatus.Cancelled, "Cancelled; nothing was imported.", CancellationToken.None);
        }
        catch (Exception ex) when (ex is ImportRejectedException or PostgresException or NpgsqlException or IOException)
        {
            logger.LogWarning(ex, "Import {ImportId} failed; nothing was written", import.Id);
            var message = ex is ImportRejectedException ? ex.Message : $"The import failed and nothing was imported: {ex.Message}";
            await progress.FinishedAsync(ImportStatus.Failed, message, CancellationToken.None);
        }
        finally
        {
            files.Delete(import.Id);
        }
    }

    private async Task<ImportCounts> ImportAsync(ProspectImport import, ImportProgressReporter progress, CancellationToken cancellationToken)
    {
        var headers = JsonSerializer.Deserialize<string[]>(import.Headers) ?? [];
        var mapping = ImportMapping.FromJson(import.Mapping);
        var problems = mapping.Validate(headers);
        if (problems.Count > 0)
        {
            throw new ImportRejectedException(string.Join(" ", problems));
        }

        await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(import.TeamId, import.CreatedBy), cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, ImportSql.DeferSearch, cancellationToken);
        await ExecuteAsync(connection, ImportSql.CreateStaging, cancellationToken);

        var batches = Channel.CreateBounded<StagedRow[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var parse = Task.Run(() => ParseAsync(import, headers, mapping, batches.Writer, progress, cancellationToken), cancellationToken);
        await CopyAsync(connection, batches.Reader, cancellationToken);
        var parsed = await parse;

        progress.Merging();
        var counts = await MergeAsync(connection, import, parsed, cancellationToken);
        await WriteRejectionsAsync(connection, import, parsed.Rejections, cancellationToken);
        await CompleteAsync(connection, import, counts, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        progress.Committed(counts);
        return counts;
    }

    /// <summary>
    /// Off the commit's critical path: until this ends, search does not find the import's new prospects
    /// (every other filter does). A failure here loses nothing; the node repairs the index when it starts.
    /// </summary>
    private async Task IndexForSearchAsync(ProspectImport import, ImportCounts counts)
    {
        if (counts.Inserted == 0)
        {
            return;
        }
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(import.TeamId, import.CreatedBy), CancellationToken.None);
            await ExecuteAsync(connection, ImportSql.IndexSearch(import.Id), CancellationToken.None);
            logger.LogInformation("Import {ImportId}: {Inserted} new prospects searchable {Elapsed} ms after the commit",
                import.Id, counts.Inserted, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is PostgresException or NpgsqlException)
        {
            logger.LogWarning(ex, "Import {ImportId} committed, but its prospects could not be indexed for search; the next start repairs it", import.Id);
        }
    }

    /// <summary>
    /// Reading and normalising run side by side: one task splits the file into chunks of records, the
    /// thread pool normalises chunks in parallel, and this method takes the chunks back in file order, so
    /// "the first row wins" for duplicates and the rejected rows keep their order. At most
    /// <see cref="ChunksInFlight"/> chunks exist at once, which bounds memory whatever the file's size.
    /// </summary>
    private async Task<ParseResult> ParseAsync(
        ProspectImport import, string[] headers, ImportMapping mapping, ChannelWriter<StagedRow[]> writer,
        ImportProgressReporter progress, CancellationToken cancellationToken)
    {
        var result = new ParseResult();
        try
        {
            await using var stream = files.OpenRead(import.Id);
            var format = new CsvFormat(import.Encoding, import.Delimiter);
            using var reader = new StreamReader(stream, format.CreateEncoding(), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var parser = new CsvRowReader(reader, import.Delimiter);
            if (await parser.ReadAsync(cancellationToken) is null)
            {
                throw new ImportRejectedException("The file is empty.");
            }

            var layout = ColumnLayout.Of(headers, mapping);
            var chunks = Channel.CreateBounded<Task<NormalizedChunk>>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
            var read = Task.Run(() => ReadChunksAsync(parser, stream, layout, chunks.Writer, cancellationToken), cancellationToken);

            var seenPhones = new Dictionary<ulong, int>();
            var seenEmails = new Dictionary<ulong, int>();
            var batch = new List<StagedRow>(BatchSize);
            await foreach (var pending in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                var chunk = await pending;
                for (var i = 0; i < chunk.Count; i++)
                {
                    var rowNumber = chunk.RowNumbers[i];
                    var record = chunk.Records[i];
                    result.Rows++;
                    if (chunk.Results[i].Prospect is not { } prospect)
                    {
                        result.Reject(rowNumber, chunk.Results[i].Rejection ?? "rejected", record, import.Delimiter, invalid: true);
                    }
                    else if (FirstRowWith(seenPhones, prospect.Phone, rowNumber) is { } phoneRow)
                    {
                        result.Reject(rowNumber, $"duplicate of row {phoneRow} (same phone {prospect.Phone})", record, import.Delimiter, invalid: false);
                    }
                    else if (FirstRowWith(seenEmails, prospect.Email, rowNumber) is { } emailRow)
                    {
                        result.Reject(rowNumber, $"duplicate of row {emailRow} (same e-mail {prospect.Email})", record, import.Delimiter, invalid: false);
                    }
                    else
                    {
                        batch.Add(new StagedRow(Guid.CreateVersion7(), rowNumber, prospect, chunk.CustomFields[i]!));
                        if (batch.Count == BatchSize)
                        {
                            await writer.WriteAsync([.. batch], cancellationToken);
                            batch.Clear();
                        }
                    }
                    progress.Parsed(result.Rows, chunk.Position, result.Invalid, result.Duplicates);
                }
            }
            await read;
            if (result.Rows == 0)
            {
                throw new ImportRejectedException("The file has a header row but no data rows; nothing was imported.");
            }
            if (batch.Count > 0)
            {
                await writer.WriteAsync([.. batch], cancellationToken);
            }
            writer.Complete();
            return result;
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Splits the file into chunks of records and hands each to the thread pool to normalise, in file order.</summary>
    private async Task ReadChunksAsync(
        CsvRowReader parser, Stream stream, ColumnLayout layout, ChannelWriter<Task<NormalizedChunk>> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var maxRows = options.Value.Import.MaxRows;
            var rows = 0;
            var chunk = new RawChunk(ChunkSize);
            while (await parser.ReadAsync(cancellationToken) is { } record)
            {
                if (IsBlank(record))
                {
                    continue;
                }
                var rowNumber = parser.RowNumber;
                if (HasNul(record))
                {
                    // The upload's first bytes were text; binary data further on would be refused by PostgreSQL.
                    throw new ImportRejectedException($"Line {rowNumber} holds binary data (NUL characters); the file is not a clean CSV export. Nothing was imported.");
                }
                if (++rows > maxRows)
                {
                    throw new ImportRejectedException($"The file has more than {maxRows:N0} rows; split it and import the parts.");
                }
                chunk.Add(rowNumber, record);
                if (chunk.Count == ChunkSize)
                {
                    await chunks.WriteAsync(NormalizeLater(chunk, stream.Position, layout), cancellationToken);
                    chunk = new RawChunk(ChunkSize);
                }
            }
            if (chunk.Count > 0)
            {
                await chunks.WriteAsync(NormalizeLater(chunk, stream.Position, layout), cancellationToken);
            }
            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.TryComplete(ex);
            throw;
        }
    }

    private static Task<NormalizedChunk> NormalizeLater(RawChunk chunk, long position, ColumnLayout layout) =>
        Task.Run(() => Normalize(chunk, position, layout));

    private static NormalizedChunk Normalize(RawChunk chunk, long position, ColumnLayout layout)
    {
        var values = new string?[layout.FieldColumns.Length];
        var results = new ProspectRowResult[chunk.Count];
        var customFields = new string?[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var record = chunk.Records[i];
            for (var field = 0; field < layout.FieldColumns.Length; field++)
            {
                var column = layout.FieldColumns[field];
                values[field] = column >= 0 && column < record.Length ? record[column] : null;
            }
            results[i] = ProspectRows.Normalize(values);
            if (results[i].Prospect is not null)
            {
                customFields[i] = CustomFields(layout.Headers, layout.CustomColumns, record);
            }
        }
        return new NormalizedChunk(chunk.Count, chunk.RowNumbers, chunk.Records, results, customFields, position);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ChannelReader<StagedRow[]> batches, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(ImportSql.CopyStaging, cancellationToken);
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            foreach (var row in batch)
            {
                var p = row.Prospect;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, cancellationToken);
                await WriteTextAsync(importer, p.FullName, cancellationToken);
                await WriteTextAsync(importer, p.FirstName, cancellationToken);
                await WriteTextAsync(importer, p.LastName, cancellationToken);
                await WriteTextAsync(importer, p.Company, cancellationToken);
                await WriteTextAsync(importer, p.Title, cancellationToken);
                await WriteTextAsync(importer, p.Phone, cancellationToken);
                await WriteTextAsync(importer, p.PhoneExtension, cancellationToken);
                await WriteTextAsync(importer, p.SecondaryPhone, cancellationToken);
                await WriteTextAsync(importer, p.Email, cancellationToken);
                await importer.WriteAsync(p.EmailVerified, NpgsqlDbType.Boolean, cancellationToken);
                await WriteTextAsync(importer, p.Address, cancellationToken);
                await WriteTextAsync(importer, p.City, cancellationToken);
                await WriteTextAsync(importer, p.State, cancellationToken);
                await WriteTextAsync(importer, p.Zip, cancellationToken);
                await WriteTextAsync(importer, p.County, cancellationToken);
                await WriteTextAsync(importer, p.Website, cancellationToken);
                await WriteTextAsync(importer, p.LinkedIn, cancellationToken);
                await WriteTextAsync(importer, p.Sic, cancellationToken);
                await WriteTextAsync(importer, p.Sector, cancellationToken);
                await WriteTextAsync(importer, p.SubSector, cancellationToken);
                await WriteNullableAsync(importer, p.Revenue, NpgsqlDbType.Numeric, cancellationToken);
                await WriteTextAsync(importer, p.RevenueTier?.ToString(), cancellationToken);
                await WriteNullableAsync(importer, p.Employees, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(p.IsOwnerOrExecutive, NpgsqlDbType.Boolean, cancellationToken);
                await WriteTextAsync(importer, p.TimeZone, cancellationToken);
                await importer.WriteAsync(p.Tags as string[] ?? [.. p.Tags], NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, p.Notes, cancellationToken);
                await importer.WriteAsync(row.CustomFields, NpgsqlDbType.Jsonb, cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<ImportCounts> MergeAsync(NpgsqlConnection connection, ProspectImport import, ParseResult parsed, CancellationToken cancellationToken)
    {
        if (import.Tag is { } tag)
        {
            await ExecuteAsync(connection, ImportSql.TagStaged(tag), cancellationToken);
        }
        await ExecuteAsync(connection, ImportSql.MatchExisting, cancellationToken);
        var (inserted, insertedSuppressed, conflicts) = await ReadTripleAsync(connection, ImportSql.InsertNew(import.Id), cancellationToken);
        var (updated, updatedSuppressed, matchedDuplicates) = import.Policy == DuplicatePolicy.Skip
            ? (0, 0, await ReadCountAsync(connection, "SELECT count(*) FROM import_staging WHERE match_id IS NOT NULL", cancellationToken))
            : await ReadTripleAsync(connection, ImportSql.UpdateMatched(import.Policy, import.Id, import.FileName, import.CreatedByName), cancellationToken);
        return new ImportCounts(
            Rows: parsed.Rows,
            Inserted: inserted,
            Updated: updated,
            Duplicates: parsed.Duplicates + conflicts + matchedDuplicates,
            Invalid: parsed.Invalid,
            Suppressed: insertedSuppressed + updatedSuppressed);
    }

    /// <summary>
    /// PostgreSQL refuses COPY into a table with row-level security, so the rejected rows go through a
    /// temporary table of their own and one INSERT ... SELECT, which the policies do check.
    /// </summary>
    private static async Task WriteRejectionsAsync(NpgsqlConnection connection, ProspectImport import, List<Rejection> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return;
        }
        await ExecuteAsync(connection,
            "CREATE TEMP TABLE import_rejection_staging (row_number integer NOT NULL, reason text NOT NULL, raw text NOT NULL, cells text[] NOT NULL) ON COMMIT DROP",
            cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY import_rejection_staging (row_number, reason, raw, cells) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var rejection in rejections)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(rejection.RowNumber, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(rejection.Reason, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(rejection.Raw, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(rejection.Cells, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO import_rejections (team_id, import_id, row_number, reason, raw, cells)
            SELECT app_current_team(), @import, row_number, reason, raw, cells FROM import_rejection_staging
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("import", import.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CompleteAsync(NpgsqlConnection connection, ProspectImport import, ImportCounts counts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE prospect_imports SET status = 'Completed', finished_at = @finished, total_rows = @rows, processed_rows = @rows,
                inserted = @inserted, updated = @updated, duplicates = @duplicates, invalid = @invalid, suppressed = @suppressed, error = NULL
            WHERE id = @id
            """, connection);
        command.Parameters.AddWithValue("finished", clock.GetUtcNow());
        command.Parameters.AddWithValue("rows", counts.Rows);
        command.Parameters.AddWithValue("inserted", counts.Inserted);
        command.Parameters.AddWithValue("updated", counts.Updated);
        command.Parameters.AddWithValue("duplicates", counts.Duplicates);
        command.Parameters.AddWithValue("invalid", counts.Invalid);
        command.Parameters.AddWithValue("suppressed", counts.Suppressed);
        command.Parameters.AddWithValue("id", import.Id);
        Webhooks.WebhookOutbox.AppendImportFinished(command, import.TeamId, clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool HasNul(string[] record)
    {
        foreach (var cell in record)
        {
            if (cell.Contains('\0'))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBlank(string[] record)
    {
        foreach (var cell in record)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The earlier row with the same value, or null after remembering this row as the first. A 64-bit hash
    /// instead of the string keeps a million rows in a few dozen megabytes; a collision is about as likely
    /// as one in thirty million per million-row file.
    /// </summary>
    private static int? FirstRowWith(Dictionary<ulong, int> seen, string? value, int rowNumber)
    {
        if (value is null)
        {
            return null;
        }
        var hash = Fnv1a64(value);
        if (seen.TryGetValue(hash, out var first))
        {
            return first;
        }
        seen[hash] = rowNumber;
        return null;
    }

    private static ulong Fnv1a64(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private static string CustomFields(string[] headers, List<int> customColumns, string[] record)
    {
        if (customColumns.Count == 0)
        {
            return "{}";
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var column in customColumns)
            {
                var value = column < record.Length ? record[column].Trim() : string.Empty;
                if (value.Length > 0)
                {
                    json.WriteString(headers[column].Trim(), value.Length <= 1000 ? value : value[..1000]);
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, ImportSql.Statement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ReadCountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task<(int, int, int)> ReadTripleAsync(NpgsqlConnection connection, ImportSql.Statement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)));
    }

    private sealed record StagedRow(Guid Id, int RowNumber, NormalizedProspect Prospect, string CustomFields);

    /// <summary>Which column feeds each prospect field (-1: none), and the unmapped columns kept as custom fields.</summary>
    private sealed record ColumnLayout(string[] Headers, int[] FieldColumns, List<int> CustomColumns)
    {
        public static ColumnLayout Of(string[] headers, ImportMapping mapping)
        {
            var fieldColumns = new int[Enum.GetValues<ProspectField>().Length];
            Array.Fill(fieldColumns, -1);
            var customColumns = new List<int>();
            for (var column = 0; column < mapping.Columns.Count; column++)
            {
                if (mapping.Columns[column] is { } field)
                {
                    fieldColumns[(int)field] = column;
                }
                else if (headers[column].Trim().Length > 0)
                {
                    customColumns.Add(column);
                }
            }
            return new ColumnLayout(headers, fieldColumns, customColumns);
        }
    }

    private sealed class RawChunk(int capacity)
    {
        public int[] RowNumbers { get; } = new int[capacity];
        public string[][] Records { get; } = new string[capacity][];
        public int Count { get; private set; }

        public void Add(int rowNumber, string[] record)
        {
            RowNumbers[Count] = rowNumber;
            Records[Count] = record;
            Count++;
        }
    }

    private sealed record NormalizedChunk(
        int Count, int[] RowNumbers, string[][] Records, ProspectRowResult[] Results, string?[] CustomFields, long Position);

    private sealed record Rejection(int RowNumber, string Reason, string Raw, string[] Cells);

    private sealed class ParseResult
    {
        /// <summary>The cells as they were, cut where together they pass <see cref="MaxCellsLength"/> characters.</summary>
        private static string[] Capped(string[] record)
        {
            var budget = MaxCellsLength;
            var cells = new string[record.Length];
            for (var i = 0; i < record.Length; i++)
            {
                var cell = record[i];
                cells[i] = cell.Length <= budget ? cell : cell[..budget];
                budget -= cells[i].Length;
            }
            return cells;
        }

        public int Rows { get; set; }
        public int Invalid { get; private set; }
        public int Duplicates { get; private set; }
        public List<Rejection> Rejections { get; } = [];

        public void Reject(int rowNumber, string reason, string[] record, char delimiter, bool invalid)
        {
            if (invalid)
            {
                Invalid++;
            }
            else
            {
                Duplicates++;
            }
            if (Rejections.Count < MaxStoredRejections)
            {
                var raw = string.Join(delimiter, record);
                Rejections.Add(new Rejection(rowNumber, reason.Length <= 500 ? reason : reason[..500], raw.Length <= MaxRawLength ? raw : raw[..MaxRawLength], Capped(record)));
            }
        }
    }
}

public sealed record ImportCounts(int Rows, int Inserted, int Updated, int Duplicates, int Invalid, int Suppressed);

/// <summary>The file or its mapping cannot be imported at all; the message is for the operator.</summary>
public sealed class ImportRejectedException(string message) : Exception(message);
