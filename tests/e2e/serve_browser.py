"""Drive the page of `vanban serve` in headless Chromium (python3-selenium,
chromium, chromium-driver), as an officer would. Called by
test_serve_browser.sh:
    serve_browser.py URL DOWNLOAD_DIR SCREENSHOT_DIR SHEET UNITS

Prints one "ok: …" or "FAIL: …" line per step (lib.sh's format) and exits 1
on the first failure; downloads go to DOWNLOAD_DIR for the shell test to
validate; a screenshot of each step goes to SCREENSHOT_DIR."""
import json
import os
import sys
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:
    print(f"FAIL: python3-selenium is missing ({e}): apt-get install python3-selenium "
          "(bash scripts/deps.sh test)")
    sys.exit(1)

url, downloads, shots, sheet, units = sys.argv[1:6]
os.makedirs(shots, exist_ok=True)


def ok(msg):
    print("ok: " + msg, flush=True)


def fail(msg):
    print("FAIL: " + msg, flush=True)
    try:
        driver.save_screenshot(os.path.join(shots, "failure.png"))
    except Exception:
        pass
    sys.exit(1)


def wait(cond, what, timeout=60):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: cond())
    except Exception:
        fail(what + f" (not within {timeout} s)")


def shot(name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


def downloaded(name, timeout=60):
    path = os.path.join(downloads, name)
    wait(lambda: os.path.exists(path) and not os.path.exists(path + ".crdownload")
         and os.path.getsize(path) > 0, "download of " + name, timeout)
    return path


opts = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-proxy-server", "--window-size=1400,1000", "--lang=vi"):
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                       "download.prompt_for_download": False})
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
try:
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
except Exception as e:
    print(f"FAIL: Chromium does not start under chromedriver: {e}"
          " (apt-get install chromium chromium-driver)")
    sys.exit(1)
try:
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    driver.get(url + "/")
    by_id = lambda i: driver.find_element(By.ID, i)
    if "vanban" not in driver.title:
        fail("the page's title: " + driver.title)
    ok("the page opens: " + driver.title)

    # 1. Start from the Hà Tân sample.
    wait(lambda: len(Select(by_id("sample-select")).options) >= 3, "the list of samples")
    Select(by_id("sample-select")).select_by_value("bc-xa-ha-tan-6thang-2024")
    by_id("sample-open").click()
    wait(lambda: by_id("check-summary").text.strip() != "", "the first check after opening")
    ok("the sample opens and is checked: " + by_id("check-summary").text)
    # An officer's own data: the seed's 1.8 corrected (44956/5022 → 4956, as
    # samples/corrections/ has it) and without the "_vanban_ignore" that keeps
    # it in the sample, edited in "Dữ liệu (JSON)".
    text = by_id("json-text")
    data = json.loads(text.get_property("value"))
    data.pop("_vanban_ignore", None)
    data["nhom_chi_tieu"][0]["chi_tieu"][7]["ket_qua"]["tu"] = 4956
    driver.execute_script("arguments[0].value = arguments[1]", text,
                          json.dumps(data, ensure_ascii=False, indent=2))
    driver.execute_script("arguments[0].click()", by_id("json-apply"))
    wait(lambda: "_vanban_ignore" not in by_id("json-text").get_property("value")
         and "lỗi" in by_id("check-summary").text, "the data without its ignore list, checked")
    ok("without the sample's ignore list: " + by_id("check-summary").text)
    ho_ten = driver.find_element(By.CSS_SELECTOR, 'input[data-path="$.van_ban.ky.ho_ten"]')
    if ho_ten.get_attribute("value") != "Nguyễn Văn Trình":
        fail("the header form shows the signer: " + ho_ten.get_attribute("value"))
    ok("the header form shows the sample's signer")
    shot("1-mau")

    # 2. Edit a figure to an impossible one: the finding appears on its row.
    tu = driver.find_element(By.CSS_SELECTOR,
                             'input[data-path="$.nhom_chi_tieu[2].chi_tieu[4].ket_qua.tu"]')
    if tu.get_attribute("value") != "4956":
        fail("indicator 3.5's numerator is 4956: " + tu.get_attribute("value"))
    tu.clear()
    tu.send_keys("44956")
    row = driver.find_element(By.CSS_SELECTOR, 'tr[data-path="$.nhom_chi_tieu[2].chi_tieu[4]"]')
    note = wait(lambda: next((n for n in row.find_elements(By.CSS_SELECTOR, ".note")
                              if "895,2%" in n.text), None),
                "the finding 895,2% next to indicator 3.5")
    ok("the impossible figure's finding is on its row: " + note.text)
    cell = note.find_element(By.XPATH, "..")
    if "has-warning" not in cell.get_attribute("class") and "has-error" not in cell.get_attribute("class"):
        fail("the cell of the finding is marked: " + cell.get_attribute("class"))
    ok("the cell is marked (" + cell.get_attribute("class") + ")")
    listed = by_id("check-warnings").text + by_id("check-errors").text
    if "$.nhom_chi_tieu[2].chi_tieu[4].ket_qua" not in listed or "895,2%" not in listed:
        fail("the list of findings names the place: " + listed[:300])
    ok("the list of findings names its JSON path")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    shot("2-so-lieu-sai")

    # 3. Edit a header field: the data file changes with it.
    ho_ten.clear()
    ho_ten.send_keys("Lê Thị Kiểm Thử")
    wait(lambda: '"ho_ten": "Lê Thị Kiểm Thử"' in by_id("json-text").get_property("value"),
         "the data file (JSON) follows the form")
    ok("the data file shown follows the header form")

    # 3b. Edit the narrative as text, not JSON: a section's title, a dash
    # item added under a subsection, a new section with a paragraph.
    sec = driver.find_element(By.CSS_SELECTOR, '.prose-section[data-path="$.noi_dung[0]"]')
    title = sec.find_element(By.CSS_SELECTOR, ".prose-title")
    if title.get_property("value") != "Công tác chỉ đạo, điều hành.":
        fail("the first section's title is shown: " + title.get_property("value"))
    title.clear()
    title.send_keys("Công tác chỉ đạo, điều hành trong 6 tháng.")
    sub = driver.find_element(By.CSS_SELECTOR, '.prose-section[data-path="$.noi_dung[0].noi_dung[0]"]')
    lines = sub.find_element(By.CSS_SELECTOR, ".prose-lines")
    if not lines.get_property("value").endswith("\n- Tập trung thực hiện các nhiệm vụ nhằm đảm bảo việc phát triển chính quyền số, cụ thể:"):
        fail("the subsection's lines end with its dash item: " + lines.get_property("value")[-120:])
    driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[0].value.length, arguments[0].value.length)", lines)
    lines.send_keys("\n- Gạch thêm trên trang web, có **chữ đậm**.")
    wait(lambda: '"gach": "Gạch thêm trên trang web, có **chữ đậm**."' in by_id("json-text").get_property("value"),
         "the data file (JSON) follows the narrative's lines")
    data = json.loads(by_id("json-text").get_property("value"))
    items = data["noi_dung"][0]["noi_dung"][0]["noi_dung"]
    if data["noi_dung"][0]["tieu_de"] != "Công tác chỉ đạo, điều hành trong 6 tháng." or len(items) != 6 \
            or items[4] != {"gach": "Tập trung thực hiện các nhiệm vụ nhằm đảm bảo việc phát triển chính quyền số, cụ thể:"}:
        fail("the narrative in the data: %r" % (data["noi_dung"][0]["tieu_de"], items[3:]))
    ok("the narrative's title and a new dash item are in the data, the other items as they were")
    n_sections = len(data["noi_dung"])
    add = driver.find_elements(By.CSS_SELECTOR, '.prose[data-path="$.noi_dung"] > .prose-items > .prose-row > button')[0]
    add.click()
    wait(lambda: len(driver.find_elements(By.CSS_SELECTOR, '.prose[data-path="$.noi_dung"] > .prose-items > .prose-section')) == n_sections + 1,
         "a new section")
    new = driver.find_elements(By.CSS_SELECTOR, '.prose[data-path="$.noi_dung"] > .prose-items > .prose-section')[-1]
    new.find_element(By.CSS_SELECTOR, ".prose-title").send_keys("Phương hướng 6 tháng cuối năm")
    new.find_element(By.CSS_SELECTOR, ".prose-items > .prose-lines").send_keys("Tiếp tục rà soát các chỉ tiêu chưa đạt.")
    wait(lambda: len(json.loads(by_id("json-text").get_property("value"))["noi_dung"]) == n_sections + 1
         and json.loads(by_id("json-text").get_property("value"))["noi_dung"][-1]
         == {"tieu_de": "Phương hướng 6 tháng cuối năm", "noi_dung": ["Tiếp tục rà soát các chỉ tiêu chưa đạt."]},
         "the new section in the data")
    ok("a section added on the page is in the data")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", driver.find_element(
        By.CSS_SELECTOR, '.prose-section[data-path="$.noi_dung[0].noi_dung[0]"]'))
    shot("2b-noi-dung")

    # 4. Downloads: DOCX, ODT, the data file. The impossible figure stops a
    # document to sign; "Bản dự thảo" renders it, marked DỰ THẢO.
    by_id("dl-docx").click()
    wait(lambda: "Dữ liệu có lỗi" in by_id("download-msg").text, "render refuses the figure")
    ok("render refuses the impossible figure: " + by_id("download-msg").text[:120])
    by_id("nhap").click()
    by_id("dl-docx").click()
    downloaded("bao-cao.docx")
    ok("DOCX downloaded")
    by_id("dl-odt").click()
    downloaded("bao-cao.odt")
    ok("ODT downloaded")
    by_id("dl-json").click()
    downloaded("bao-cao.json")
    ok("data file downloaded")
    by_id("dl-pdf").click()
    downloaded("bao-cao.pdf", timeout=240)
    ok("PDF downloaded")
    shot("3-tai-ve")

    # 5. Preview (LibreOffice → PDF → page images), with the busy indicator
    # while it runs; every page image decoded by the browser.
    by_id("preview-run").click()
    wait(lambda: not by_id("busy").is_displayed() and by_id("preview-pages").is_displayed(),
         "the preview", timeout=240)
    imgs = driver.find_elements(By.CSS_SELECTOR, "#preview-pages img.page")
    wait(lambda: all(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", i)
                     for i in imgs), "the page images decoded")
    if len(imgs) < 2 or driver.execute_script("return arguments[0].naturalWidth", imgs[0]) < 400:
        fail(f"the preview shows {len(imgs)} pages")
    if f"{len(imgs)} trang" not in by_id("download-msg").text:
        fail("the preview's message: " + by_id("download-msg").text)
    ok(f"the preview shows {len(imgs)} pages: " + by_id("download-msg").text)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", by_id("download"))
    time.sleep(1)
    shot("4-xem-truoc")

    # 6. Correct later: reopen the data file sent with the document, correct
    # the figure, update the edited document; the diff says what changed.
    by_id("data-file").send_keys(downloaded("bao-cao.json"))
    wait(lambda: "bao-cao.json" in by_id("start-msg").text, "the data file opens")
    tu = driver.find_element(By.CSS_SELECTOR,
                             'input[data-path="$.nhom_chi_tieu[2].chi_tieu[4].ket_qua.tu"]')
    if tu.get_attribute("value") != "44956":
        fail("the reopened data file has the figure typed before: " + tu.get_attribute("value"))
    tu.clear()
    tu.send_keys("4956")
    by_id("update-file").send_keys(downloaded("bao-cao.docx"))
    by_id("update-run").click()
    wait(lambda: by_id("update-diff").is_displayed(), "the update's diff", timeout=120)
    diff = by_id("update-diff").text
    if "Tiêu chí 3.5: 44.956/5.022 (895,2%) → 4.956/5.022 (98,7%)" not in diff:
        fail("the diff names the corrected figure: " + diff[:300])
    ok("update: the diff is shown: " + diff.splitlines()[1][:120])
    downloaded("bao-cao-cap-nhat.docx")
    ok("update: the updated DOCX downloaded")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", by_id("update"))
    shot("5-cap-nhat")

    # 7. Proofread a document: findings listed, an annotated copy.
    by_id("proof-file").send_keys(downloaded("bao-cao.docx"))
    by_id("proof-run").click()
    wait(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#proof-list li")) > 0,
         "the proofreading findings", timeout=120)
    ok("proofread: %d findings listed" % len(driver.find_elements(By.CSS_SELECTOR, "#proof-list li")))
    by_id("proof-download").click()
    downloaded("van-ban-ghi-chu.docx")
    ok("proofread: the annotated copy downloaded")
    shot("6-soat-loi")

    # 8. A THÔNG BÁO.
    Select(by_id("sample-select")).select_by_value("tb-ket-luan-xa-dak-to-re-2024")
    by_id("sample-open").click()
    wait(lambda: "THÔNG BÁO" in by_id("doc-kind").text, "the THÔNG BÁO opens")
    wait(lambda: by_id("check-summary").text.strip() != "" and not by_id("busy").is_displayed(),
         "the THÔNG BÁO is checked")
    ok("THÔNG BÁO opens and is checked: " + by_id("check-summary").text)
    if not by_id("indicators-box").get_attribute("hidden"):
        fail("a THÔNG BÁO shows no indicator table")
    by_id("dl-docx").click()
    downloaded("thong-bao.docx")
    ok("THÔNG BÁO: DOCX downloaded")

    # 9. Start from the spreadsheet officers keep.
    by_id("sheet-file").send_keys(sheet)
    wait(lambda: "Đã đọc bảng tính" in by_id("start-msg").text, "the spreadsheet opens")
    rows = driver.find_elements(By.CSS_SELECTOR, "#indicators tbody tr[data-path]")
    if len(rows) != 36:
        fail("the sheet's 36 indicators are in the table: %d" % len(rows))
    ok("spreadsheet: " + by_id("start-msg").text.splitlines()[0][:150])
    wait(lambda: by_id("check-summary").text.strip() != "", "the sheet's data is checked")
    ok("spreadsheet: checked: " + by_id("check-summary").text)
    # The finding on the mistyped figure names the sheet's cell.
    found = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#check-warnings li, #check-errors li")
             if "895,2%" in li.text]
    if not found or "(ô Chỉ tiêu!F13)" not in found[0]:
        fail("the 895,2%% finding names its cell: %r" % found)
    ok("spreadsheet: the finding names its cell: " + found[0][:120])
    shot("7-bang-tinh")

    # 10. A batch: the Hà Tân sample as shared data, 16 communes, progress to
    # the end, the ZIP downloaded.
    Select(by_id("sample-select")).select_by_value("bc-xa-ha-tan-6thang-2024")
    by_id("sample-open").click()
    wait(lambda: "bc-xa-ha-tan" in by_id("start-msg").text, "the sample opens again")
    by_id("batch-file").send_keys(units)
    by_id("batch-run").click()
    wait(lambda: by_id("batch-progress").is_displayed(), "the progress bar")
    wait(lambda: by_id("batch-msg").text.startswith("Xong"), "the batch ends", timeout=240)
    bar = by_id("batch-progress")
    if bar.get_attribute("value") != "16" or bar.get_attribute("max") != "16":
        fail("the progress bar ends at 16/16: %s/%s" % (bar.get_attribute("value"),
                                                      bar.get_attribute("max")))
    ok("batch: progress to 16/16: " + by_id("batch-msg").text)
    downloaded("van-ban.zip")
    ok("batch: the ZIP downloaded")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", by_id("batch"))
    shot("8-hang-loat")

    # 11. The page broke no rule of its Content-Security-Policy and threw nothing.
    # (the render refused on purpose in step 4 is logged as a failed load: it
    # is the answer the page shows, not an error of the page)
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
              and not ("/api/render" in e["message"] and "status of 422" in e["message"])]
    if severe:
        fail("console errors: " + "; ".join(e["message"] for e in severe)[:500])
    ok("no console error (CSP respected)")
finally:
    driver.quit()
