using Auction.Tests.Support;
namespace Auction.Tests.Unit.Client;

/// <summary>Runs the client CLI in-process with Console.In/Out/Error captured.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string? stdin, params string[] args)
    {
        var (oldIn, oldOut, oldError) = (Console.In, Console.Out, Console.Error);
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            Console.SetIn(new StringReader(stdin ?? ""));
            Console.SetOut(output);
            Console.SetError(error);
            int code = Auction.Client.Program.Run(args);
            return new Result(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetIn(oldIn);
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    public static string Example(string name) => RepositoryRoot.Combine("examples", name);
}
