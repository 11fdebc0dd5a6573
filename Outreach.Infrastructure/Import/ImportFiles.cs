using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// Uploaded CSV files wait on the receiving node's disk between upload and import (the import runs on that
/// node), and are deleted when the import ends. Streaming to disk keeps a 200 MB upload out of memory.
/// </summary>
public sealed class ImportFiles(IHostEnvironment environment, IOptions<OutreachOptions> options)
{
    private string Folder => Path.Combine(environment.ContentRootPath, options.Value.DataDirectory, "imports");

    public string PathOf(Guid importId) => Path.Combine(Folder, $"{importId:N}.csv");

    /// <summary>Copies the upload to disk, refusing it (and deleting the part written) beyond the size limit.</summary>
    public async Task<long> SaveAsync(Guid importId, Stream upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(importId);
        var limit = options.Value.Import.MaxFileBytes;
        var buffer = new byte[1 << 16];
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            int read;
            while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new ImportRejectedException($"The file is larger than the limit of {options.Value.Import.MaxFileMegabytes} MB.");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        if (total == 0)
        {
            File.Delete(path);
            throw new ImportRejectedException("The file is empty.");
        }
        return total;
    }

    public Stream OpenRead(Guid importId) =>
        new FileStream(PathOf(importId), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public bool Exists(Guid importId) => File.Exists(PathOf(importId));

    public void Delete(Guid importId) => File.Delete(PathOf(importId));
}
