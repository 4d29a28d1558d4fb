import { readAsKiosk, report, write } from "../api.js";
import { toast } from "../modal.js";
import { tx } from "./ship-text.js";

/** Print the station's shipping list page (A5) through the kiosk's browser print dialog. */
export async function printShippingList(number) {
  try {
    const page = await readAsKiosk(`/api/shipments/${encodeURIComponent(number)}/list.html`);
    const frame = document.createElement("iframe");
    frame.setAttribute("data-testid", "shipping-list-frame");
    frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0";
    frame.srcdoc = await page.text();
    frame.addEventListener("load", () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 60_000);
    });
    document.body.append(frame);
  } catch (err) {
    report(err);
  }
}

/** A copy of a certificate for the buyer on the label printer (marked 补打 by the station). */
export async function printCertificateCopy(number) {
  try {
    await write("POST", `/api/certificates/${encodeURIComponent(number)}/reprint`);
    toast(`${tx("printCert")} ${number}`, "ok");
  } catch (err) {
    report(err);
  }
}
