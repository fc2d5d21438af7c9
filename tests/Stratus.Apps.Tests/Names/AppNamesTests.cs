using Stratus.Apps.Names;

namespace Stratus.Apps.Tests.Names;

public sealed class AppNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("myapp")]
    [InlineData("my-app-2")]
    [InlineData("a234567890123456789012345678901234567890")]
    public void AppProblem_ValidName_IsNull(string name) => Assert.Null(AppNames.AppProblem(name));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("MyApp")]
    [InlineData("1app")]
    [InlineData("-app")]
    [InlineData("app-")]
    [InlineData("my--app")]
    [InlineData("my_app")]
    [InlineData("my.app")]
    [InlineData("a2345678901234567890123456789012345678901")]
    public void AppProblem_InvalidName_SaysWhatToUse(string? name)
    {
        var problem = AppNames.AppProblem(name);

        Assert.NotNull(problem);
        Assert.Contains("app name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PoolPlanPlatformProcessProblem_SameRule_NameTheirKind()
    {
        Assert.Null(AppNames.PoolProblem("local"));
        Assert.Null(AppNames.PlanProblem("c1m512"));
        Assert.Null(AppNames.PlatformProblem("python"));
        Assert.Null(AppNames.ProcessProblem("web"));
        Assert.Contains("pool name", AppNames.PoolProblem("Bad")!, StringComparison.Ordinal);
        Assert.Contains("plan name", AppNames.PlanProblem("bad-")!, StringComparison.Ordinal);
        Assert.Contains("platform name", AppNames.PlatformProblem("")!, StringComparison.Ordinal);
        Assert.Null(AppNames.ProcessProblem("Web_worker-2"));
        Assert.Contains("process name", AppNames.ProcessProblem("web.worker")!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DATABASE_URL")]
    [InlineData("_private")]
    [InlineData("a1")]
    [InlineData("PORTS")]
    public void EnvProblem_ValidName_IsNull(string name) => Assert.Null(AppNames.EnvProblem(name));

    [Theory]
    [InlineData("", "required")]
    [InlineData("1ABC", "not valid")]
    [InlineData("MY-VAR", "not valid")]
    [InlineData("PORT", "reserved")]
    [InlineData("TSURU_APPNAME", "TSURU_")]
    [InlineData("STRATUS_TOKEN", "STRATUS_")]
    [InlineData("tsuru_x", "TSURU_")]
    public void EnvProblem_InvalidOrReserved_Explains(string name, string expected) =>
        Assert.Contains(expected, AppNames.EnvProblem(name)!, StringComparison.Ordinal);

    [Theory]
    [InlineData("www.example.com")]
    [InlineData("*.example.com")]
    [InlineData("1password.com")]
    [InlineData("0x.example.com")]
    [InlineData("a-1.b2.io")]
    public void CNameProblem_HostName_IsNull(string name) => Assert.Null(AppNames.CNameProblem(name));

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("WWW.example.com")]
    [InlineData("-a.example.com")]
    [InlineData("a-.example.com")]
    [InlineData("a..example.com")]
    [InlineData("http://example.com")]
    [InlineData("a_b.example.com")]
    [InlineData("2130706433")]
    [InlineData("*.localhost")]
    [InlineData("[::1]")]
    [InlineData("::1")]
    [InlineData("a\u001b.example.com")]
    [InlineData("www.example.com\n")]
    public void CNameProblem_NotAHostName_Explains(string name) => Assert.NotNull(AppNames.CNameProblem(name));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.01")]
    [InlineData("127.1")]
    [InlineData("*.127.0.0.1")]
    [InlineData("example.0x7f")]
    public void CNameProblem_IpAddressInAnySpelling_SaysItIsAnAddress(string name) =>
        Assert.Contains("is an IP address", AppNames.CNameProblem(name), StringComparison.Ordinal);

    [Theory]
    [InlineData("myapp.localhost")]
    [InlineData("web.process.myapp.localhost")]
    [InlineData("*.other.localhost")]
    public void CNameProblem_UnderLocalhost_SaysTheRouterOwnsIt(string name) =>
        Assert.Contains("under 'localhost'", AppNames.CNameProblem(name), StringComparison.Ordinal);
}
