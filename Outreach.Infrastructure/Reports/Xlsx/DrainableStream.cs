namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// Collects what the (synchronous) zip and XML writers produce and hands it to the real output
/// asynchronously in chunks: an HTTP response refuses synchronous writes, and the buffer never holds more
/// than the bytes written since the last drain, so memory stays flat however large the workbook.
/// </summary>
internal sealed class DrainableStream(Stream inner) : Stream
{
    private readonly MemoryStream _buffer = new();
    private long _written;

    public long Buffered => _buffer.Length;

    /// <summary>Bytes handed to the output so far.</summary>
    public long BytesWritten => _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);

    public override void WriteByte(byte value) => _buffer.WriteByte(value);

    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        await inner.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
        _written += _buffer.Length;
        _buffer.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do synchronously: the zip writer flushes on dispose, and the bytes go out on the next drain.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }
        base.Dispose(disposing);
    }
}
