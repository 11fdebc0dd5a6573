namespace Outreach.TestSupport;

public static class RepositoryPaths
{
    /// <summary>The folder that holds Outreach.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outreach.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Outreach.sln not found above " + AppContext.BaseDirectory);
    }
}
