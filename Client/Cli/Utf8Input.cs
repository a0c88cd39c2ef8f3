using Auction.Grains.Text;

namespace Auction.Client.Cli;

/// <summary>
/// Reads a config or scenario file (or stdin) as strict UTF-8 within <see cref="InputLimits.MaxFileBytes"/>:
/// invalid bytes are an error with their offset, not silently replaced by U+FFFD.
/// </summary>
public static class Utf8Input
{
    /// <summary>
    /// Set by the process entry point: stdin is read as raw bytes (Console.In has already decoded them lossily).
    /// Tests that run the CLI in-process hand their stdin in as text instead (<see cref="StandardStreams.Input"/>).
    /// </summary>
    public static bool ReadsRawStandardInput { get; set; }

    /// <summary>
    /// The text of <paramref name="file"/> ("-" for stdin, or <paramref name="standardInput"/> when given), or null
    /// with a one-sentence <paramref name="error"/> that starts with <paramref name="what"/>.
    /// </summary>
    public static string? Read(string file, string what, out string? error, TextReader? standardInput = null)
    {
        if (!StandardInputArgument.IsStandardInput(file)) return InputFile.ReadText(file, InputLimits.MaxFileBytes, $"{what} '{Excerpt.Of(file)}'", out error);
        byte[] bytes;
        bool tooLong;
        try
        {
            bytes = ReadStandardInput(standardInput, out tooLong);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = $"{what} '{Excerpt.Of(file)}' cannot be read: {Excerpt.Of(e.Message.TrimEnd('.'))}.";
            return null;
        }
        if (tooLong)
        {
            error = $"{what} (stdin) is larger than {InputLimits.MaxFileBytes} bytes.";
            return null;
        }
        return StrictUtf8.Decode(bytes, $"{what} '{Excerpt.Of(file)}'", out error);
    }

    private static byte[] ReadStandardInput(TextReader? text, out bool tooLong)
    {
        if (text is null && ReadsRawStandardInput)
        {
            using var stream = Console.OpenStandardInput();
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > InputLimits.MaxFileBytes) { tooLong = true; return []; }
            }
            tooLong = false;
            return buffer.ToArray();
        }

        var chars = new char[InputLimits.MaxFileBytes + 1];
        var count = (text ?? Console.In).ReadBlock(chars, 0, chars.Length);
        tooLong = count > InputLimits.MaxFileBytes;
        return StrictUtf8.Encoding.GetBytes(chars, 0, Math.Min(count, InputLimits.MaxFileBytes));
    }
}
