using Portcullis.Hosting;

return await PortcullisCli.RunAsync(args);
