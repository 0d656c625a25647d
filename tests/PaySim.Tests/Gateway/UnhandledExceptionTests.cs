using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Reflection;
using Orleans;

using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>Infrastructure failures reach the client as 503 with a reason, never as 500.</summary>
public sealed class UnhandledExceptionTests
{
    [Theory]
    [InlineData(typeof(TimeoutException), "TIMEOUT")]
    [InlineData(typeof(InvalidOperationException), "UNAVAILABLE")]
    [InlineData(typeof(Orleans.Runtime.SiloUnavailableException), "UNAVAILABLE")]
    [InlineData(typeof(Orleans.Storage.InconsistentStateException), "CONCURRENT_UPDATE")]
    public async Task FailingGrainCall_Answers503WithAReason(Type exceptionType, string reason)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-503-tests", Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("PaySim:Storage:Provider", "Memory");
            builder.UseSetting("PaySim:Storage:DataDirectory", dataDirectory);
            builder.UseSetting("PaySim:SeedTestAccounts", "false");
            foreach (var (key, value) in LoopbackPorts.SiloSettings())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services => services.AddSingleton(FailingGrainFactory.Create((Exception)Activator.CreateInstance(exceptionType)!)));
        });

        var response = await factory.CreateClient().PostAsJsonAsync("/PaySim", new { method = "查询账户信息", username = "u" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["reason"]);
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>A grain factory whose every call fails as a broken cluster would.</summary>
    public class FailingGrainFactory : DispatchProxy
    {
        private Exception? _exception;

        public static IGrainFactory Create(Exception exception)
        {
            var factory = DispatchProxy.Create<IGrainFactory, FailingGrainFactory>();
            ((FailingGrainFactory)(object)factory)._exception = exception;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw _exception!;
    }
}
