import ESIMKit
for s in ["LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815", "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$$1",
 "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1", "1$SMDP.EXAMPLE.COM$$1.3.6.1.4.1.31746",
 "1$host", "1$localhost$x", "1$a_b.com$x", "1$h.com:443$X", "1$[2001:db8::1]:8443$X", "1$10.0.0.1$X", "1$h.com$X$1", "1$h.com$X$$0", "1$h.com$X$$$1", "1$h.com$X$$1$$$$", "1$h.com$X$$1$$$$$",
 "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24h.com%24ABC", "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$h.com$A_BC",
 "LPA:1%24h.com%24X", "LPA:LPA:1$h.com$X", " \tLPA:1$h.com$X\n", "lpa:1$h.com$X", "LPA:1$h.com$X\u{200B}", "1$h.com$X$1234"] {
  do { let d = try ActivationCode.decode(s); print("OK ", s, "→", d.code.canonicalText, d.wrapper as Any, d.warnings.map { "\($0.code):\($0.offset)" }) }
  catch { print("ERR", s, "→", error.code, error) }
}
