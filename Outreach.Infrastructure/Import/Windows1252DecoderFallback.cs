using System.Text;

namespace Outreach.Infrastructure.Import;

/// <summary>Decodes each byte that is not valid UTF-8 as the Windows-1252 character it most likely was.</summary>
internal sealed class Windows1252DecoderFallback : DecoderFallback
{
    private static readonly Encoding Windows1252 = CreateWindows1252();

    public override int MaxCharCount => 4;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private sealed class Buffer : DecoderFallbackBuffer
    {
        private readonly char[] _chars = new char[4];
        private int _count;
        private int _index;

        public override int Remaining => _count - _index;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            _count = Windows1252.GetChars(bytesUnknown, 0, Math.Min(bytesUnknown.Length, _chars.Length), _chars, 0);
            _index = 0;
            return _count > 0;
        }

        public override char GetNextChar() => _index < _count ? _chars[_index++] : '\0';

        public override bool MovePrevious()
        {
            if (_index == 0)
            {
                return false;
            }
            _index--;
            return true;
        }

        public override void Reset()
        {
            _count = 0;
            _index = 0;
        }
    }
}
