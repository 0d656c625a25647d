using PaySim.Gateway.Hosting;

// Settings are read beside the binary, so `dotnet run` from any folder and `dotnet PaySim.Gateway.dll` find the same
// appsettings.json; relative paths in settings (the data folder) stay relative to the working directory.
return PaySim.Silo.Hosting.HostStart.Run(() =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.AddPaySimGateway();

    var app = builder.Build();
    app.MapPaySimGateway();
    return app;
});

public partial class Program;
